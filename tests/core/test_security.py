import os
import subprocess
import sys

import pytest

PUBLIC_URLS = ["/de/", "/ar/about/", "/en/login/"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_pages_send_a_strict_content_security_policy(client, db, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_of_logged_in_staff_are_not_cached(client, counsellor_stuttgart, login_verified):
    login_verified(counsellor_stuttgart)
    response = client.get("/en/staff/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_forms_require_a_csrf_token(db, counsellor_stuttgart):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/en/login/", {"username": "aylin", "password": "x"})
    assert response.status_code == 403


def production_env(**extra) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LOTSE_")
        and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lotse.settings",
            "SECRET_KEY": "x9!Lq2#vT7@pR4$wZ1^nB8&kM5*cF3(hJ6)yD0-sG+aE=uQ_oI",
            "ALLOWED_HOSTS": "lotse.example.org",
            "LOTSE_VAR_DIR": extra.pop("var_dir"),
        }
    )
    env.update(extra)
    return env


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(var_dir=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(var_dir=str(tmp_path))
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_two_factor_cannot_be_relaxed_outside_demo_mode(tmp_path):
    env = production_env(var_dir=str(tmp_path), LOTSE_REQUIRE_2FA="0")
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "LOTSE_REQUIRE_2FA=0 is allowed only together with LOTSE_DEMO=1" in result.stderr


def test_production_cookies_are_secure_and_host_prefixed(tmp_path):
    code = (
        "from django.conf import settings as s; import django; django.setup();"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=production_env(var_dir=str(tmp_path)),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "31536000",
        "True",
    ]
