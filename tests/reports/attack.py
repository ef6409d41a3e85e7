"""An attacker with a pencil: solve a published table's sums for its suppressed cells.

Independent of the production code's graph argument: the sums are written out as linear
equations over the suppressed cells (published cells moved to the right-hand side), reduced to
row echelon form with exact fractions, and a suppressed cell counts as revealed when one
equation pins it down alone. Also reports the simple case a reader sees at a glance: a row or
column with exactly one suppressed cell.
"""

from fractions import Fraction

from lotse.reports.suppression import TOTAL, Table


def equations(table: Table) -> list[dict[tuple[str, str], int]]:
    """Each sum of the table as {cell: coefficient} with total − Σ parts = 0."""
    result = []
    column_keys = [c.key for c in table.columns]
    parts = [c for c in column_keys if c != TOTAL]
    for row in table.rows:
        children = [r.key for r in table.rows if r.parent == row.key]
        if children:
            for column in column_keys:
                eq = {(row.key, column): 1}
                for child in children:
                    eq[(child, column)] = eq.get((child, column), 0) - 1
                result.append(eq)
        if TOTAL in column_keys:
            eq = {(row.key, TOTAL): 1}
            for column in parts:
                eq[(row.key, column)] = -1
            result.append(eq)
    return result


def revealed(table: Table) -> list[tuple[str, str]]:
    """Suppressed cells whose exact value follows from the published cells and the sums."""
    if table.withheld:
        return []
    unknown = sorted(key for key, cell in table.cells.items() if cell.suppressed)
    if not unknown:
        return []
    index = {key: i for i, key in enumerate(unknown)}
    matrix = []
    for eq in equations(table):
        row = [Fraction(0)] * len(unknown)
        touched = False
        for key, coefficient in eq.items():
            if key in index:
                row[index[key]] += coefficient
                touched = True
        if touched:
            matrix.append(row)
    pivots = _reduce(matrix)
    found = []
    for r, column in pivots:
        others = [x for j, x in enumerate(matrix[r]) if j != column and x != 0]
        if not others:
            found.append(unknown[column])
    return found


def lone_suppressions(table: Table) -> list[tuple[str, str]]:
    """Suppressed cells that are the only suppressed cell of one of their sums."""
    lonely = []
    for eq in equations(table):
        hidden = [key for key in eq if table.cell(*key).suppressed]
        if len(hidden) == 1:
            lonely.append(hidden[0])
    return lonely


def _reduce(matrix: list[list[Fraction]]) -> list[tuple[int, int]]:
    """Reduced row echelon form in place; returns (row, pivot column) pairs."""
    pivots = []
    rows = len(matrix)
    cols = len(matrix[0]) if matrix else 0
    r = 0
    for c in range(cols):
        pivot = next((i for i in range(r, rows) if matrix[i][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][c]
        matrix[r] = [x / lead for x in matrix[r]]
        for i in range(rows):
            if i != r and matrix[i][c] != 0:
                factor = matrix[i][c]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append((r, c))
        r += 1
        if r == rows:
            break
    return pivots
