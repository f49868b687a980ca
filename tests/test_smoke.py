import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_example_is_rewritten_by_the_installed_command(tmp_path):
    target = tmp_path / "app.py"
    target.write_bytes((ROOT / "fixtures" / "example" / "nylas_v2_client.py").read_bytes())
    proc = subprocess.run(
        [sys.executable, "-m", "codemods", "fix", "--diff", "app.py"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert "+BASE = \"https://api.us.nylas.com\"" in proc.stdout
    assert target.read_bytes() == (ROOT / "fixtures" / "example" / "nylas_v2_client.py").read_bytes()
