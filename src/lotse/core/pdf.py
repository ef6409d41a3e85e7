"""PDF rendering with WeasyPrint (fonts from the system: DejaVu covers Arabic and Cyrillic)."""

from weasyprint import HTML


def render_pdf(html: str, *, base_url: str) -> bytes:
    return HTML(string=html, base_url=base_url).write_pdf()
