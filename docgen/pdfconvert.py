"""DOCX -> PDF through one long-running LibreOffice process.

Starting LibreOffice costs ~1 s; a running instance converts a few-page
document in well under 100 ms. ``PdfConverter`` therefore starts soffice once
(lazily, on the first conversion) and feeds it every document.

Design (why it looks like this):

* soffice listens on a UNO *named pipe* (no TCP port to clash over) and uses a
  private user profile in its own temp dir, so concurrent processes, root and
  developers' own LibreOffice sessions never share a profile/lock.
* The UNO bridge (``python3-uno``) only exists for Debian's /usr/bin/python3,
  not for the project's virtualenv interpreter. So this very file is also run
  as a tiny helper under /usr/bin/python3 (``_helper_main`` at the bottom; this
  module therefore imports only the standard library). The helper talks UNO to
  soffice and talks to us through its stdin/stdout with length-prefixed
  frames: docx bytes in, pdf bytes out, no temp files.
* We (not the helper) own soffice's process group, so a hung conversion can be
  killed from here (timeout) and a crashed soffice is detected and restarted
  transparently, retrying the conversion once.
* One lock serialises conversions: a single soffice does one document at a
  time anyway, and the machines have 2 cores.

Not fork-safe by sharing: a converter used in a forked child (e.g. an rq
work-horse) starts its own soffice and leaves the parent's alone.
"""

from __future__ import annotations

import os
import pathlib
import selectors
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import weakref

__all__ = [
    "PdfConverter",
    "PdfConversionError",
    "PdfConversionTimeout",
    "LibreOfficeNotFound",
    "default_converter",
    "find_soffice",
]

INSTALL_HINT = "run scripts/install-system-deps.sh (Debian: libreoffice-writer-nogui, python3-uno)"

# Frames: request = 8-byte big-endian length + docx bytes (length 0 = quit).
# Reply = 1 status byte + 8-byte length + payload.
_LEN = struct.Struct(">Q")
_OK, _BAD_INPUT, _ERROR, _READY = b"O", b"B", b"E", b"R"


class PdfConversionError(RuntimeError):
    """A document could not be converted."""


class PdfConversionTimeout(PdfConversionError):
    """LibreOffice did not finish in time; it has been killed and will restart."""


class LibreOfficeNotFound(PdfConversionError):
    """soffice or python3-uno is not installed."""


def find_soffice() -> str:
    """Path of soffice: $DOCGEN_SOFFICE, else `soffice` on PATH."""
    path = os.environ.get("DOCGEN_SOFFICE") or shutil.which("soffice")
    if not path or not os.access(path, os.X_OK):
        raise LibreOfficeNotFound(f"LibreOffice (soffice) not found; {INSTALL_HINT}")
    return path


def _uno_python() -> str:
    # Debian's interpreter, the one python3-uno is built for.
    return os.environ.get("DOCGEN_UNO_PYTHON", "/usr/bin/python3")


class _Procs:
    """The running soffice + helper. Kept apart from PdfConverter so a
    weakref.finalize (at GC or interpreter exit) can stop them."""

    def __init__(self) -> None:
        self.soffice: subprocess.Popen | None = None
        self.helper: subprocess.Popen | None = None
        self.pid = os.getpid()  # the process that started them

    def alive(self) -> bool:
        return (
            self.helper is not None
            and self.helper.poll() is None
            and self.soffice is not None
            and self.soffice.poll() is None
        )

    def stop(self, graceful: bool = True) -> None:
        if self.pid != os.getpid():  # inherited through fork: not ours to stop
            if self.helper is not None:  # just drop our copies of the pipes
                for f in (self.helper.stdin, self.helper.stdout):
                    try:
                        f.close()
                    except OSError:
                        pass
            self.soffice = self.helper = None
            return
        helper, soffice = self.helper, self.soffice
        self.helper = self.soffice = None
        if helper is not None:
            # EOF on its stdin makes the helper ask soffice to terminate.
            try:
                helper.stdin.close()
            except OSError:
                pass
        if soffice is not None:
            if graceful and helper is not None:
                try:
                    soffice.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    pass
            try:  # soffice.bin is a child of oosplash: kill the whole group
                os.killpg(soffice.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            soffice.wait()
        if helper is not None:
            try:
                helper.wait(timeout=2)
            except subprocess.TimeoutExpired:
                helper.kill()
                helper.wait()
            helper.stdout.close()


def _cleanup(procs: _Procs, workdir: str) -> None:
    procs.stop(graceful=False)
    if procs.pid == os.getpid():
        shutil.rmtree(workdir, ignore_errors=True)


class PdfConverter:
    """Convert DOCX bytes to PDF bytes through one long-running soffice.

    Thread-safe; starts on first use; restarts soffice if it died; use as a
    context manager or call close(). Also closed at interpreter exit.
    """

    def __init__(self, timeout: float = 60.0, start_timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._lock = threading.Lock()
        self._procs = _Procs()
        self._workdir = tempfile.mkdtemp(prefix="docgen-soffice-")
        self._closed = False
        self.last_start_seconds: float | None = None  # soffice boot time
        self._finalizer = weakref.finalize(self, _cleanup, self._procs, self._workdir)

    # -- public API -------------------------------------------------------

    def convert(self, docx_bytes: bytes, timeout: float | None = None) -> bytes:
        """Return the PDF rendering of a .docx given as bytes."""
        if not docx_bytes:
            raise PdfConversionError("empty document")
        timeout = self.timeout if timeout is None else timeout
        with self._lock:
            if self._closed:
                raise PdfConversionError("converter is closed")
            # One retry: the first attempt may hit a soffice that died since
            # the last call (crash, OOM kill) and is only noticed now.
            for attempt in (1, 2):
                self._ensure_started()
                try:
                    return self._roundtrip(docx_bytes, timeout)
                except _Restart as exc:
                    self._procs.stop(graceful=False)
                    if attempt == 2:
                        raise PdfConversionError(f"LibreOffice failed: {exc}") from None
        raise AssertionError("unreachable")

    def start(self) -> None:
        """Start LibreOffice now instead of on the first conversion."""
        with self._lock:
            if self._closed:
                raise PdfConversionError("converter is closed")
            self._ensure_started()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._procs.stop(graceful=True)
            self._finalizer()  # removes the profile dir; idempotent

    def __enter__(self) -> "PdfConverter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def soffice_pgid(self) -> int | None:
        """Process group of the running LibreOffice (for tests/monitoring)."""
        p = self._procs.soffice
        return p.pid if p is not None and p.poll() is None else None

    # -- internals --------------------------------------------------------

    def _ensure_started(self) -> None:
        procs = self._procs
        if procs.pid != os.getpid():  # forked: start our own, leave parent's
            procs.stop()
            procs.pid = os.getpid()
            self._workdir = tempfile.mkdtemp(prefix="docgen-soffice-")
            self._finalizer.detach()
            self._finalizer = weakref.finalize(self, _cleanup, procs, self._workdir)
        if procs.alive():
            return
        procs.stop(graceful=False)
        soffice = find_soffice()
        pipe = f"docgen-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        profile = os.path.join(self._workdir, "profile")
        t0 = time.monotonic()
        procs.soffice = subprocess.Popen(
            [
                soffice,
                f"-env:UserInstallation={pathlib.Path(profile).as_uri()}",
                "--headless", "--invisible", "--nologo", "--nodefault",
                "--norestore", "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # own process group, killable as a whole
            env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
        )
        # The helper connects (retrying) while soffice boots. -I: isolated
        # mode, so neither the venv nor this directory leaks into its sys.path.
        log = open(os.path.join(self._workdir, "helper.log"), "ab")
        try:
            procs.helper = subprocess.Popen(
                [_uno_python(), "-I", os.path.abspath(__file__), "--helper",
                 pipe, str(self.start_timeout)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        except FileNotFoundError:
            procs.stop(graceful=False)
            raise LibreOfficeNotFound(f"{_uno_python()} not found; {INSTALL_HINT}") from None
        finally:
            log.close()
        try:
            status, payload = self._read_reply(self.start_timeout + 5)
        except (_Restart, _Timeout) as exc:
            procs.stop(graceful=False)
            why = str(exc) or f"no answer within {self.start_timeout + 5:g} s"
            raise PdfConversionError(f"LibreOffice did not start: {why}") from None
        if status != _READY:
            procs.stop(graceful=False)
            msg = payload.decode("utf-8", "replace")
            if "No module named 'uno'" in msg:
                raise LibreOfficeNotFound(f"python3-uno missing for {_uno_python()}; {INSTALL_HINT}")
            raise PdfConversionError(f"LibreOffice did not start: {msg}")
        self.last_start_seconds = time.monotonic() - t0

    def _roundtrip(self, data: bytes, timeout: float) -> bytes:
        try:
            self._procs.helper.stdin.write(_LEN.pack(len(data)) + data)
            self._procs.helper.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _Restart(f"helper gone ({exc})") from None
        try:
            status, payload = self._read_reply(timeout)
        except _Timeout:
            self._procs.stop(graceful=False)
            raise PdfConversionTimeout(
                f"PDF conversion took longer than {timeout:g} s; LibreOffice was killed"
            ) from None
        if status == _OK:
            return payload
        msg = payload.decode("utf-8", "replace")
        if status == _BAD_INPUT:
            raise PdfConversionError(msg)
        raise _Restart(msg)  # UNO error: bridge disposed, soffice crashed...

    def _read_reply(self, timeout: float) -> tuple[bytes, bytes]:
        # Read with a deadline: select() on the helper's stdout pipe.
        fd = self._procs.helper.stdout.fileno()
        deadline = time.monotonic() + timeout
        buf = bytearray()
        need = 1 + _LEN.size
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while len(buf) < need:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    raise _Timeout()
                chunk = os.read(fd, max(need - len(buf), 1 << 20))
                if not chunk:
                    raise _Restart(self._helper_log_tail() or "helper exited")
                buf += chunk
                if len(buf) >= 1 + _LEN.size and need == 1 + _LEN.size:
                    need += _LEN.unpack_from(buf, 1)[0]
        return bytes(buf[:1]), bytes(buf[1 + _LEN.size:need])

    def _helper_log_tail(self) -> str:
        try:
            with open(os.path.join(self._workdir, "helper.log"), "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace").strip()
        except OSError:
            return ""


class _Restart(Exception):
    """Internal: LibreOffice/helper is unusable; restart it."""


class _Timeout(Exception):
    """Internal: no reply in time."""


_default: PdfConverter | None = None
_default_lock = threading.Lock()


def default_converter() -> PdfConverter:
    """The process-wide converter (created on first call, closed at exit)."""
    global _default
    with _default_lock:
        if _default is None or _default._closed:
            _default = PdfConverter()
        return _default


def _forget_default_after_fork() -> None:
    # A forked child must not share the parent's soffice pipes or a lock that
    # another parent thread may have held at fork time: it gets its own.
    global _default, _default_lock
    _default, _default_lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_default_after_fork)


# ---------------------------------------------------------------------------
# Helper: runs under /usr/bin/python3 (python3-uno), never in the venv.
# ---------------------------------------------------------------------------

def _helper_main(pipe: str, start_timeout: float) -> None:
    inp = sys.stdin.buffer
    # Our protocol owns fd 1; anything printed by accident goes to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)

    def reply(status: bytes, payload: bytes) -> None:
        out.write(status + _LEN.pack(len(payload)) + payload)
        out.flush()

    try:
        import uno
        import unohelper
        from com.sun.star.beans import PropertyValue
        from com.sun.star.connection import NoConnectException
        from com.sun.star.io import XOutputStream
    except ImportError as exc:
        reply(_ERROR, f"{exc}".encode())
        return

    class Sink(unohelper.Base, XOutputStream):
        """Collects the PDF that storeToURL writes, in memory."""

        def __init__(self):
            self.parts = []

        def writeBytes(self, seq):
            self.parts.append(seq.value)

        def flush(self):
            pass

        def closeOutput(self):
            pass

    def props(**kw):
        return tuple(PropertyValue(Name=k, Value=v) for k, v in kw.items())

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + start_timeout
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                reply(_ERROR, b"timed out connecting to soffice")
                return
            time.sleep(0.05)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    reply(_READY, b"")

    while True:
        head = inp.read(_LEN.size)
        if len(head) < _LEN.size or _LEN.unpack(head)[0] == 0:
            break  # EOF or quit
        data = inp.read(_LEN.unpack(head)[0])
        doc = None
        try:
            stream = smgr.createInstanceWithArgumentsAndContext(
                "com.sun.star.io.SequenceInputStream", (uno.ByteSequence(data),), ctx)
            # An explicit import filter skips type detection.
            doc = desktop.loadComponentFromURL(
                "private:stream", "_blank", 0,
                props(InputStream=stream, FilterName="MS Word 2007 XML",
                      Hidden=True, ReadOnly=True))
            if doc is None:
                reply(_BAD_INPUT, b"LibreOffice could not load the document (not a .docx?)")
                continue
            sink = Sink()
            doc.storeToURL("private:stream",
                           props(OutputStream=sink, FilterName="writer_pdf_Export"))
            reply(_OK, b"".join(sink.parts))
        except Exception as exc:  # UNO exceptions do not share a Python base
            name = type(exc).__name__
            status = _BAD_INPUT if name in ("IllegalArgumentException", "IOException") else _ERROR
            reply(status, f"{name}: {exc}".encode("utf-8", "replace"))
            if status == _ERROR:
                return  # let the parent restart everything
        finally:
            if doc is not None:
                try:
                    doc.close(True)
                except Exception:
                    pass
    try:
        desktop.terminate()  # orderly soffice shutdown when we are done
    except Exception:
        pass


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--helper":
    _helper_main(sys.argv[2], float(sys.argv[3]))
