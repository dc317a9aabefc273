"""A minimal client for Firefox's Marionette protocol (enough for the offline-copy test).

Marionette is built into every Firefox: started with ``--marionette`` it listens on a TCP port and
speaks WebDriver commands as length-prefixed JSON (``<length>:<json>``). Requests are
``[0, id, command, params]`` and answers ``[1, id, error, result]``. No third-party package needed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox") or "/usr/bin/firefox-esr"
# Firefox's own traffic (updates, telemetry, safe browsing, captive portal) is switched off so that a
# test that counts requests sees only the page's.
PREFS = {
    "app.update.disabledForTesting": True,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.newtabpage.enabled": False,
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "browser.download.folderList": 2,
    "browser.download.useDownloadDir": True,
    "browser.download.always_ask_before_handling_new_types": False,
    "browser.download.manager.showWhenStarting": False,
    "browser.download.panel.shown": True,
    "browser.download.start_downloads_in_tmp_dir": False,
    "security.dialog_enable_delay": 0,
    "marionette.port": 0,
}


class MarionetteError(RuntimeError):
    pass


class Firefox:
    """Headless Firefox with a throw-away profile, driven over Marionette."""

    def __init__(self, port: int | None = None, timeout: float = 60):
        self.profile = Path(tempfile.mkdtemp(prefix="kb-firefox-"))
        self.downloads = self.profile / "downloads"
        self.downloads.mkdir()
        self.port = port or _free_port()
        prefs = dict(PREFS, **{"marionette.port": self.port, "browser.download.dir": str(self.downloads)})
        (self.profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()), encoding="utf-8")
        env = dict(os.environ, MOZ_HEADLESS="1", MOZ_CRASHREPORTER_DISABLE="1")
        self.proc = subprocess.Popen(
            [FIREFOX, "--headless", "--marionette",
             # chrome access lets the test press "Save" in Firefox's download dialog
             "-remote-allow-system-access", "--no-remote", "-profile", str(self.profile)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        self._id = 0
        self.sock = self._connect(timeout)
        self.command("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})

    # ------------------------------------------------------------------ protocol
    def _connect(self, timeout: float) -> socket.socket:
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise MarionetteError(f"Firefox exited with code {self.proc.returncode} before Marionette was up")
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
                sock.settimeout(timeout)
                self.sock = sock
                hello = self._read()
                if hello.get("applicationType") != "gecko":
                    raise MarionetteError(f"not a Marionette server: {hello}")
                return sock
            except (ConnectionRefusedError, socket.timeout, OSError):
                if time.monotonic() > deadline:
                    raise MarionetteError(f"Marionette did not answer on port {self.port} within {timeout} s")
                time.sleep(0.2)

    def _read(self):
        buf = b""
        while b":" not in buf:
            chunk = self.sock.recv(1)
            if not chunk:
                raise MarionetteError("Marionette closed the connection")
            buf += chunk
        size = int(buf[:-1])
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise MarionetteError("Marionette closed the connection")
            data += chunk
        return json.loads(data)

    def command(self, name: str, params: dict | None = None):
        self._id += 1
        body = json.dumps([0, self._id, name, params or {}]).encode("utf-8")
        self.sock.sendall(str(len(body)).encode() + b":" + body)
        while True:
            kind, msg_id, error, result = self._read()
            if kind == 1 and msg_id == self._id:
                break
        if error:
            raise MarionetteError(f"{name}: {error.get('error')}: {error.get('message')}")
        return result.get("value") if isinstance(result, dict) and set(result) == {"value"} else result

    # ------------------------------------------------------------------ WebDriver helpers
    def navigate(self, url: str) -> None:
        self.command("WebDriver:Navigate", {"url": url})

    @property
    def url(self) -> str:
        return self.command("WebDriver:GetCurrentURL")

    def execute(self, script: str, *args):
        """Run `script` as a function body in the page (`return ...` gives the value)."""
        return self.command("WebDriver:ExecuteScript", {"script": script, "args": list(args)})

    def wait_for(self, expression: str, timeout: float = 30, what: str = "") -> object:
        """Poll a JavaScript expression until it is truthy; its value is returned."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.execute(f"return ({expression});")
            except MarionetteError:
                value = None          # the page is between documents
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout} s for {what or expression}")
            time.sleep(0.1)

    def find(self, css: str) -> dict:
        return self.command("WebDriver:FindElement", {"using": "css selector", "value": css})

    def click(self, css: str) -> None:
        """A real (trusted) click on the first element matching `css`."""
        self.command("WebDriver:ElementClick", {"id": _element_id(self.find(css))})

    def type(self, css: str, text: str) -> None:
        """Clear the field and type `text` as keystrokes."""
        eid = _element_id(self.find(css))
        self.command("WebDriver:ElementClear", {"id": eid})
        self.command("WebDriver:ElementSendKeys", {"id": eid, "text": text})

    def save_download(self, css: str, timeout: float = 30) -> Path:
        """Click a download link and return the saved file, pressing "Save File" if Firefox asks."""
        before = set(self.downloads.iterdir())
        self.click(css)
        deadline = time.monotonic() + timeout
        while True:
            self._accept_download_dialog()
            new = [p for p in set(self.downloads.iterdir()) - before if not p.name.endswith(".part")]
            if new and not list(self.downloads.glob("*.part")):
                return new[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"no file saved after clicking {css}: {[p.name for p in self.downloads.iterdir()]}")
            time.sleep(0.1)

    def _accept_download_dialog(self) -> bool:
        """Choose Save in the "what should Firefox do with this file" dialog, if it is open."""
        script = """
            const w = [...Services.wm.getEnumerator(null)]
              .find(w => w.document.documentURI.includes('unknownContentType'));
            if (!w || !w.dialog || !w.document.getElementById('save')) return false;
            const d = w.document;
            d.getElementById('mode').selectedItem = d.getElementById('save');
            d.getElementById('unknownContentType').acceptDialog();
            return true;"""
        self.command("Marionette:SetContext", {"value": "chrome"})
        try:
            return self.execute(script)
        finally:
            self.command("Marionette:SetContext", {"value": "content"})

    def page_errors(self) -> list[str]:
        """Script errors and Content-Security-Policy reports of file:// pages in the browser console."""
        self.command("Marionette:SetContext", {"value": "chrome"})
        try:
            return self.execute("""
                return Services.console.getMessageArray()
                  .filter(m => m instanceof Ci.nsIScriptError && m.sourceName.startsWith('file:')
                               && (m.category.includes('CSP') || !(m.flags & Ci.nsIScriptError.warningFlag)))
                  .map(m => `${m.errorMessage} (${decodeURI(m.sourceName.split('/').slice(-2).join('/'))}:${m.lineNumber})`);""")
        finally:
            self.command("Marionette:SetContext", {"value": "content"})

    def quit(self) -> None:
        try:
            self.command("Marionette:Quit", {"flags": ["eForceQuit"]})
        except (MarionetteError, OSError):
            pass
        try:
            self.sock.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def _element_id(ref) -> str:
    if isinstance(ref, dict) and "value" in ref and isinstance(ref["value"], dict):
        ref = ref["value"]
    return next(iter(ref.values())) if isinstance(ref, dict) else ref


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
