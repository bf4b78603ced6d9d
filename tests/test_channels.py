"""Reminder channels: `profile --notify`, and their secrets masked wherever they are shown."""

from __future__ import annotations

import json

import pytest

from followup import channels

TOKEN = "123456789:AAHsecretBotToken"
URLS = {
    f"tgram://{TOKEN}/987654": "tgram://1****/9****",
    "json://user:hunter22@127.0.0.1:8080/hook": "json://user:****@127.0.0.1:8080/h****",
    "ntfys://ntfy.sh/my-private-topic": "ntfys://ntfy.sh/m****",
    "mailto://li:app-password@example.com?to=li@example.com": (
        "mailto://li:****@example.com?to=li@example.com"
    ),
    "discord://1234567/webhooktoken": "discord://1****/w****",
    "pover://userkey@apptoken": "pover://userkey@a****",
    "ntfy://127.0.0.1:8080/topic?token=tk_secret&priority=high": (
        "ntfy://127.0.0.1:8080/t****?token=t****&priority=high"
    ),
    "email": "email",
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("url", "shown"), URLS.items())
def test_secrets_are_masked(url, shown):
    assert channels.mask(url) == shown
    masked_text = channels.scrub(f"cannot reach {url} (refused {url.split('://')[-1]})", [url])
    for secret in channels.secrets(url):
        assert secret not in masked_text


@pytest.mark.sqlite_only
@pytest.mark.parametrize("bad", ["ntfy.sh/topic", "tgram:// x", "://x", "x://"])
def test_a_channel_must_be_a_url_or_email(bad):
    with pytest.raises(ValueError, match="is not an Apprise URL"):
        channels.check(bad)


def test_profile_keeps_channels_and_shows_them_masked(ok, run, backend):
    secret_url = f"tgram://{TOKEN}/987654"
    result = ok("profile", "--notify", secret_url, "--notify", "email", "--notify", "email")
    assert "tgram://1****/9****" in result.stdout and "email" in result.stdout
    assert "AAHsecret" not in result.stdout + result.stderr
    assert "The 'email' channel sends to your --email through your SMTP settings" in result.stderr
    shown = ok("profile", "--json")
    assert json.loads(shown.stdout)["notify"] == ["tgram://1****/9****", "email"]
    assert "AAHsecret" not in shown.stdout
    assert backend.rows("select value from setting where key = 'notify'") == [
        (json.dumps([secret_url, "email"]),)
    ]
    plain = ok("profile").stdout
    assert "Reminders" in plain and "AAHsecret" not in plain
    ok("profile", "--notify", "")
    assert ok("profile", "--json").json()["notify"] == []


def test_profile_refuses_what_apprise_does_not_know_and_masks_it(run, ok):
    result = run("profile", "--notify", "nosuchservice://user:topsecret@example.com/x")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --notify nosuchservice://user:****@example.com/****: Apprise does not know this "
        "URL; see https://github.com/caronc/apprise/wiki for the forms it takes.\n"
    )
    result = run("profile", "--notify", "not a url with-secret")
    assert result.exit_code == 2 and "with-secret" not in result.stderr
    assert ok("profile", "--json").json()["notify"] == []
