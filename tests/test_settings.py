import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "helpdesk.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def test_without_debug_a_secret_key_is_required_before_anything_is_signed():
    code = "import django; django.setup(); from django.core import signing; signing.dumps(1)"
    result = run(code, DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY setting must not be empty" in result.stderr
    assert run(code, DEBUG="0", SECRET_KEY="a-real-secret-key-for-this-test").returncode == 0


def test_staff_2fa_takes_only_optional_or_required():
    code = "import django; django.setup(); from django.conf import settings; print(settings.HELPDESK['STAFF_2FA'])"  # noqa: E501
    assert run(code, DEBUG="1").stdout.strip() == "optional"
    assert run(code, DEBUG="1", HELPDESK_STAFF_2FA="Required").stdout.strip() == "required"
    refused = run(code, DEBUG="1", HELPDESK_STAFF_2FA="yes")
    assert refused.returncode != 0 and "HELPDESK_STAFF_2FA" in refused.stderr
