"""Settings: read once from COOPKG_* variables, checked (a value that cannot be used stops
the program naming the variable; a name that is no setting is warned about), and honoured
by every command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coopkg.errors import SettingsError
from coopkg.server.settings import Settings, unknown_names

COOPKG = str(Path(sys.executable).parent / "coopkg")


def test_values_are_read_with_their_types():
    s = Settings.from_env({"COOPKG_PORT": "8123", "COOPKG_QUERY_TIMEOUT_S": "2.5",
                           "COOPKG_UPDATE_ENABLED": "yes", "COOPKG_UPDATE_TOKEN": "t",
                           "COOPKG_CORS_ORIGINS": "https://a.example, https://b.example"})
    assert (s.port, s.query_timeout_s, s.update_enabled, s.update_token) == (8123, 2.5, True, "t")
    assert s.cors_origins == ("https://a.example", "https://b.example")
    assert Settings.from_env({"COOPKG_PORT": "8123"}, port=9000).port == 9000


@pytest.mark.parametrize(("env", "names"), [
    ({"COOPKG_PORT": "eighty"}, "COOPKG_PORT"),
    ({"COOPKG_QUERY_WORKERS": "0"}, "COOPKG_QUERY_WORKERS"),
    ({"COOPKG_UPDATE_ENABLED": "perhaps"}, "COOPKG_UPDATE_ENABLED"),
    ({"COOPKG_UPDATE_ENABLED": "true"}, "COOPKG_UPDATE_TOKEN"),
    ({"COOPKG_CORS_ORIGINS": "*,https://a.example"}, "COOPKG_CORS_ORIGINS"),
])
def test_a_value_that_cannot_be_used_is_refused_by_name(env, names):
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(env)


def test_names_that_are_no_setting_are_found():
    env = {"COOPKG_PROT": "1", "COOPKG_STORE_QUERY_URL": "x", "COOPKG_LANG": "en",
           "COOPKG_PORT": "1", "PATH": "/bin"}
    assert unknown_names(env) == ["COOPKG_PROT"]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("COOPKG_")}
    return subprocess.run([COOPKG, *args], capture_output=True, text=True, timeout=120,
                          env={**base, "LANG": "en_US.UTF-8", **env})


def test_every_command_honours_the_store_setting_and_warns_of_typos(tmp_path):
    where = tmp_path / "elsewhere"
    done = _run("graphs", COOPKG_STORE=str(where), COOPKG_STROE="x")
    assert done.returncode == 2
    assert str(where) in done.stderr  # the store the variable names, not .coopkg/store
    assert "COOPKG_STROE is not a coopkg setting" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_value_stops_every_command_in_one_line():
    done = _run("queries", COOPKG_QUERY_TIMEOUT_S="soon")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "COOPKG_QUERY_TIMEOUT_S" in done.stderr
