"""Fill (and flatten) the fillable PDF forms in ``templates/forms``.

Usage::

    from docgen.pdfforms import PdfForm, read_fields
    form = PdfForm("templates/forms/income-withholding-notice.pdf")   # parse once, reuse
    pdf_bytes = form.fill({"obligor_name": "Lopez, Daniel", "type_original": True})
    form.fields          # {name: FieldInfo} - the template's fields
    read_fields(pdf_bytes_of_a_filled_unflattened_form)  # {name: str | bool}

Flattening does not go through pypdf's per-fill flattening (28 ms for the IWO).
Instead the template is parsed once; a *flat base* (the pages without widgets and
without /AcroForm, de-duplicated) is serialised object by object, and every fill
only writes one small content stream per page with the field values laid out in the
field rectangles (shrink-to-fit, wrapping, clipping), then concatenates the cached
object bytes and a fresh cross-reference table.  Values that Helvetica/WinAnsi cannot
encode (e.g. Vietnamese, Hebrew, Arabic) are drawn with an embedded Unicode TrueType
font (DejaVu Sans when installed) through reportlab on a slower path.

Without flattening, the values are written into the fields with pypdf (appearance
streams generated, /NeedAppearances set) so the result is still editable.
"""
from __future__ import annotations

import hashlib
import io
import os
import threading
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfbase import pdfmetrics

__all__ = ["PdfForm", "FieldInfo", "UnknownFieldError", "FieldValueError", "read_fields", "FORMS_DIR"]

FORMS_DIR = Path(__file__).resolve().parent.parent / "templates" / "forms"

_FF_READONLY = 1
_FF_MULTILINE = 1 << 12
_FF_RADIO = 1 << 15
_FF_PUSHBUTTON = 1 << 16
_ANNOT_HIDDEN = 2

_MIN_FONT = 4.0
_PAD = 2.0
_FONT_KEY = "DGHv"  # resource name of the overlay font on every page

_UNICODE_FONT_CANDIDATES = [
    os.environ.get("DOCGEN_UNICODE_FONT", ""),
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
]


class UnknownFieldError(KeyError):
    """A value was given for a field the form does not have."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else "unknown field"


class FieldValueError(ValueError):
    """A value of the wrong kind for a field (e.g. a radio button state that does not exist)."""


@dataclass
class Widget:
    page: int
    rect: tuple[float, float, float, float]
    on_state: str | None = None  # buttons only
    hidden: bool = False


@dataclass
class FieldInfo:
    name: str
    kind: str  # "text" | "checkbox" | "radio"
    multiline: bool = False
    readonly: bool = False
    font_size: float = 0.0  # 0 = auto
    default: str | bool = ""
    widgets: list[Widget] = field(default_factory=list)

    @property
    def states(self) -> list[str]:
        """On-state names of a check box or radio group."""
        return [w.on_state for w in self.widgets if w.on_state]


# ---------------------------------------------------------------------------
# text layout shared by the fast (raw PDF) and the Unicode (reportlab) renderers
# ---------------------------------------------------------------------------

def _cp1252_ok(text: str) -> bool:
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


_HELV_W: dict[str, float] = {}


def _helv_width(text: str) -> float:
    """Width of text at 1 pt in Helvetica (cached per character)."""
    try:
        return sum(map(_HELV_W.__getitem__, text))
    except KeyError:
        for ch in text:
            if ch not in _HELV_W:
                _HELV_W[ch] = pdfmetrics.stringWidth(ch, "Helvetica", 1000) / 1000.0
        return sum(map(_HELV_W.__getitem__, text))


def _wrap(paragraphs: list[str], width_at_1: float, size: float, measure) -> list[str]:
    """Greedy word wrap; over-long words are broken by characters."""
    limit = width_at_1 / size
    lines: list[str] = []
    for para in paragraphs:
        words = para.split(" ")
        cur = ""
        for word in words:
            cand = word if not cur else cur + " " + word
            if measure(cand) <= limit:
                cur = cand
                continue
            if cur:
                lines.append(cur)
                cur = ""
            # the word alone
            while measure(word) > limit and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut]) > limit:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            cur = word
        lines.append(cur)
    return lines


def _layout(value: str, rect, multiline: bool, font_size: float, measure):
    """Return (size, [(x, y, line), ...]) for a value in a field rectangle."""
    x0, y0, x1, y1 = rect
    w = x1 - x0 - 2 * _PAD
    h = y1 - y0 - 2 * _PAD * 0.5
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not multiline:
        text = " ".join(text.split("\n"))
    paragraphs = text.split("\n")
    max_size = font_size or (10.0 if multiline else min(10.0, (y1 - y0) * 0.7))
    max_size = min(max_size, 12.0)
    size = max_size
    lines: list[str] = paragraphs
    if not multiline:
        # first try one line, shrinking down to 6 pt
        s = max_size
        one = paragraphs[0]
        while s >= 6.0:
            if measure(one) * s <= w:
                return s, [(x0 + _PAD, y0 + ((y1 - y0) - s * 0.72) / 2.0, one)]
            s -= 0.5
        max_size = min(s, (y1 - y0) / 2.3)
    size = max_size
    while True:
        lines = _wrap(paragraphs, w, size, measure)
        leading = size * 1.15
        if len(lines) * leading <= h or size <= _MIN_FONT:
            break
        size = max(_MIN_FONT, size - 0.5)
    leading = size * 1.15
    top = y1 - _PAD * 0.5 - size * 0.85
    if not multiline:  # centre the wrapped block vertically
        block = len(lines) * leading
        top = y0 + (y1 - y0 + block) / 2.0 - size * 0.9
    out = []
    for i, line in enumerate(lines):
        out.append((x0 + _PAD, top - i * leading, line))
    return size, out


# --- a tiny visual reordering for right-to-left runs (no shaping) -----------

def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def _visual(line: str) -> str:
    if not any(_is_rtl(c) for c in line):
        return line
    runs: list[tuple[bool, str]] = []
    for ch in line:
        bd = unicodedata.bidirectional(ch)
        strong_rtl = bd in ("R", "AL")
        neutral = bd in ("WS", "ON", "CS", "ES", "ET", "BN", "S")
        if runs and (neutral or runs[-1][0] == strong_rtl):
            runs[-1] = (runs[-1][0], runs[-1][1] + ch)
        else:
            runs.append((strong_rtl, ch))
    base_rtl = next((r for r, _ in runs), False)
    parts = [s[::-1] if r else s for r, s in runs]
    if base_rtl:
        parts.reverse()
    return "".join(parts)


def _pdf_string(text: str) -> bytes:
    b = text.encode("cp1252")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(
        b"\r", b"\\r").replace(b"\n", b"\\n") + b")"


def _fmt(v: float) -> bytes:
    return (b"%.2f" % v).rstrip(b"0").rstrip(b".") or b"0"


def _check_ops(rect, radio: bool) -> bytes:
    x0, y0, x1, y1 = rect
    s = min(x1 - x0, y1 - y0)
    if radio:
        cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, s * 0.25
        k = 0.5523 * r
        return b" ".join([
            b"q 0 g", _fmt(cx + r), _fmt(cy), b"m",
            _fmt(cx + r), _fmt(cy + k), _fmt(cx + k), _fmt(cy + r), _fmt(cx), _fmt(cy + r), b"c",
            _fmt(cx - k), _fmt(cy + r), _fmt(cx - r), _fmt(cy + k), _fmt(cx - r), _fmt(cy), b"c",
            _fmt(cx - r), _fmt(cy - k), _fmt(cx - k), _fmt(cy - r), _fmt(cx), _fmt(cy - r), b"c",
            _fmt(cx + k), _fmt(cy - r), _fmt(cx + r), _fmt(cy - k), _fmt(cx + r), _fmt(cy), b"c f Q\n"])
    m = s * 0.2
    return b" ".join([b"q 0 G 1.2 w 1 J", _fmt(x0 + m), _fmt(y0 + m), b"m", _fmt(x1 - m), _fmt(y1 - m), b"l",
                      _fmt(x0 + m), _fmt(y1 - m), b"m", _fmt(x1 - m), _fmt(y0 + m), b"l S Q\n"])


# ---------------------------------------------------------------------------
# reading the template
# ---------------------------------------------------------------------------

def _walk_fields(fields: Iterable, prefix: str, inherited: dict, out: dict, annot_page: dict):
    for ref in fields:
        obj = ref.get_object()
        part = obj.get("/T")
        name = f"{prefix}.{part}" if (prefix and part is not None) else (str(part) if part is not None else prefix)
        inh = dict(inherited)
        for key in ("/FT", "/Ff", "/DA", "/V", "/DV"):
            if key in obj:
                inh[key] = obj[key]
        kids = obj.get("/Kids")
        kid_objs = [k.get_object() for k in kids] if kids else []
        if kid_objs and any("/T" in k for k in kid_objs):
            _walk_fields(kids, name, inh, out, annot_page)
            continue
        widgets = kid_objs if kid_objs else [obj]
        widget_refs = list(kids) if kids else [ref]
        ft = inh.get("/FT")
        ff = int(inh.get("/Ff", 0))
        if ft == "/Btn":
            if ff & _FF_PUSHBUTTON:
                continue
            kind = "radio" if ff & _FF_RADIO else "checkbox"
        elif ft == "/Tx":
            kind = "text"
        else:  # choice / signature fields are not used by our forms: treat choice as text
            kind = "text" if ft == "/Ch" else None
            if kind is None:
                continue
        font_size = 0.0
        da = str(inh.get("/DA", ""))
        toks = da.split()
        if "Tf" in toks:
            try:
                font_size = float(toks[toks.index("Tf") - 1])
            except (ValueError, IndexError):
                font_size = 0.0
        v = inh.get("/V")
        if kind == "text":
            default: str | bool = "" if v is None else str(v)
        elif kind == "checkbox":
            default = v is not None and str(v) != "/Off"
        else:
            default = "" if v is None or str(v) == "/Off" else str(v)[1:]
        info = FieldInfo(name=name, kind=kind, multiline=bool(ff & _FF_MULTILINE),
                         readonly=bool(ff & _FF_READONLY), font_size=font_size, default=default)
        for wref, w in zip(widget_refs, widgets):
            rect = tuple(float(x) for x in w["/Rect"])
            rect = (min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3]))
            on = None
            if kind != "text":
                ap = w.get("/AP", {}).get_object() if "/AP" in w else {}
                n = ap.get("/N", {})
                n = n.get_object() if n is not None else {}
                ons = [str(k)[1:] for k in n.keys() if str(k) != "/Off"]
                on = ons[0] if ons else "Yes"
            page = annot_page.get(getattr(wref, "idnum", None), -1)
            info.widgets.append(Widget(page=page, rect=rect, on_state=on,
                                       hidden=bool(int(w.get("/F", 0)) & _ANNOT_HIDDEN)))
        if name in out:
            out[name].widgets.extend(info.widgets)
        else:
            out[name] = info


def _template_fields(reader: PdfReader) -> dict[str, FieldInfo]:
    annot_page: dict[int, int] = {}
    for i, page in enumerate(reader.pages):
        for a in page.get("/Annots", []) or []:
            if isinstance(a, IndirectObject):
                annot_page[a.idnum] = i
    root = reader.trailer["/Root"]
    acro = root.get("/AcroForm")
    out: dict[str, FieldInfo] = {}
    if acro is None:
        return out
    _walk_fields(acro.get_object().get("/Fields", []), "", {}, out, annot_page)
    return out


def read_fields(pdf: bytes | str | os.PathLike) -> dict[str, str | bool]:
    """Field values of a (not flattened) PDF form: text -> str, check box -> bool, radio -> state or ''."""
    if isinstance(pdf, (bytes, bytearray)):
        reader = PdfReader(io.BytesIO(pdf))
    else:
        reader = PdfReader(pdf)
    return {name: info.default for name, info in _template_fields(reader).items()}


# ---------------------------------------------------------------------------
# the filler
# ---------------------------------------------------------------------------

def _reachable(reader: PdfReader) -> dict[int, object]:
    """Objects reachable from the trailer (pypdf keeps unreferenced ones when writing)."""
    seen: dict[int, object] = {}
    stack = [v for k, v in reader.trailer.items() if k in ("/Root", "/Info")]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            obj = item.get_object()
            seen[item.idnum] = obj
            item = obj
        if isinstance(item, dict):  # DictionaryObject and StreamObject
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return seen


class _FlatBase:
    """The template without widgets/AcroForm, pre-serialised object by object."""

    def __init__(self, reader: PdfReader):
        writer = PdfWriter(clone_from=reader)
        for page in writer.pages:
            annots = page.get("/Annots")
            if annots is None:
                continue
            keep = ArrayObject(a for a in annots if a.get_object().get("/Subtype") != "/Widget")
            if keep:
                page[NameObject("/Annots")] = keep
            else:
                del page["/Annots"]
        if "/AcroForm" in writer._root_object:
            del writer._root_object["/AcroForm"]
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        buf = io.BytesIO()
        writer.write(buf)
        self.flat_bytes = buf.getvalue()
        flat = PdfReader(io.BytesIO(self.flat_bytes))
        self.flat_reader = flat
        size = int(flat.trailer["/Size"])
        self.root_id = flat.trailer.raw_get("/Root").idnum
        info = flat.trailer.raw_get("/Info") if "/Info" in flat.trailer else None
        self.info_id = info.idnum if isinstance(info, IndirectObject) else None
        page_ids = [p.indirect_reference.idnum for p in flat.pages]
        self.npages = len(page_ids)
        self.font_id = size
        self.overlay_ids = [size + 1 + i for i in range(self.npages)]
        self.size = size + 1 + self.npages
        objs: dict[int, bytes] = {}
        for idnum, obj in _reachable(flat).items():
            if idnum in page_ids:
                continue
            objs[idnum] = self._serialise(idnum, obj)
        for i, (page, pid) in enumerate(zip(flat.pages, page_ids)):
            d = DictionaryObject()
            for k, v in page.items():
                d[NameObject(k)] = v
            contents = page.raw_get("/Contents") if "/Contents" in page else None
            arr = ArrayObject()
            if isinstance(contents, IndirectObject) and isinstance(contents.get_object(), ArrayObject):
                arr.extend(contents.get_object())
            elif isinstance(contents, ArrayObject):
                arr.extend(contents)
            elif contents is not None:
                arr.append(contents)
            # wrap the original content in q/Q is not needed: reportlab restores state; append ours
            arr.append(IndirectObject(self.overlay_ids[i], 0, flat))
            d[NameObject("/Contents")] = arr
            res = page.get("/Resources")
            res = DictionaryObject(res.get_object().items()) if res is not None else DictionaryObject()
            fonts = res.get("/Font")
            fonts = DictionaryObject(fonts.get_object().items()) if fonts is not None else DictionaryObject()
            fonts[NameObject("/" + _FONT_KEY)] = IndirectObject(self.font_id, 0, flat)
            res[NameObject("/Font")] = fonts
            d[NameObject("/Resources")] = res
            objs[pid] = self._serialise(pid, d)
        objs[self.font_id] = (b"%d 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                              b"/Encoding /WinAnsiEncoding >>\nendobj\n" % self.font_id)
        self.objs = objs
        self.header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"

    @staticmethod
    def _serialise(idnum: int, obj) -> bytes:
        buf = io.BytesIO()
        buf.write(b"%d 0 obj\n" % idnum)
        obj.write_to_stream(buf)
        buf.write(b"\nendobj\n")
        return buf.getvalue()

    def assemble(self, overlays: list[bytes]) -> bytes:
        parts = [self.header]
        pos = len(self.header)
        offsets: dict[int, int] = {}
        objs = self.objs
        for idnum in range(1, self.size):
            if idnum >= self.overlay_ids[0]:
                data = overlays[idnum - self.overlay_ids[0]]
                comp = zlib.compress(data, 6)
                b = (b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (idnum, len(comp))
                     + comp + b"\nendstream\nendobj\n")
            else:
                b = objs.get(idnum)
                if b is None:
                    continue
            offsets[idnum] = pos
            parts.append(b)
            pos += len(b)
        xref = [b"xref\n0 %d\n" % self.size, b"0000000000 65535 f\r\n"]
        for idnum in range(1, self.size):
            off = offsets.get(idnum)
            xref.append(b"%010d 00000 n\r\n" % off if off is not None else b"0000000000 65535 f\r\n")
        digest = hashlib.md5(b"".join(overlays)).hexdigest().encode()
        trailer = b"trailer\n<< /Size %d /Root %d 0 R" % (self.size, self.root_id)
        if self.info_id is not None and self.info_id in offsets:
            trailer += b" /Info %d 0 R" % self.info_id
        trailer += b" /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (digest, digest, pos)
        parts.extend(xref)
        parts.append(trailer)
        return b"".join(parts)


class PdfForm:
    """A fillable PDF template, parsed once; ``fill()`` is thread-safe."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._data = self.path.read_bytes()
        self._reader = PdfReader(io.BytesIO(self._data))
        self.fields: dict[str, FieldInfo] = _template_fields(self._reader)
        self._flat: _FlatBase | None = None
        self._lock = threading.Lock()

    # -- introspection ---------------------------------------------------
    @property
    def field_names(self) -> list[str]:
        return list(self.fields)

    def _flat_base(self) -> _FlatBase:
        if self._flat is None:
            with self._lock:
                if self._flat is None:
                    self._flat = _FlatBase(self._reader)
        return self._flat

    # -- validation ------------------------------------------------------
    def _normalise(self, values: Mapping[str, object]) -> dict[str, str | bool]:
        unknown = [k for k in values if k not in self.fields]
        if unknown:
            close = []
            for k in unknown:
                import difflib
                m = difflib.get_close_matches(k, self.fields, n=1)
                close.append(f"{k!r}" + (f" (did you mean {m[0]!r}?)" if m else ""))
            raise UnknownFieldError(f"{self.path.name}: unknown field(s): {', '.join(close)}")
        out: dict[str, str | bool] = {}
        for name, value in values.items():
            info = self.fields[name]
            if value is None:
                continue
            if info.readonly:
                if value != info.default:
                    raise FieldValueError(f"{self.path.name}: field {name!r} is read-only")
                continue
            if info.kind == "checkbox":
                if isinstance(value, bool):
                    out[name] = value
                elif isinstance(value, str) and value in info.states + ["Off", ""]:
                    out[name] = value in info.states
                else:
                    raise FieldValueError(f"{self.path.name}: check box {name!r} takes True/False, got {value!r}")
            elif info.kind == "radio":
                if value in ("", "Off", False):
                    out[name] = ""
                elif isinstance(value, str) and value in info.states:
                    out[name] = value
                else:
                    raise FieldValueError(
                        f"{self.path.name}: radio {name!r} takes one of {info.states}, got {value!r}")
            else:
                if isinstance(value, bool):
                    raise FieldValueError(f"{self.path.name}: text field {name!r} got a boolean")
                out[name] = str(value)
        return out

    # -- filling ---------------------------------------------------------
    def fill(self, values: Mapping[str, str | bool], flatten: bool = True) -> bytes:
        vals = self._normalise(values)
        if not flatten:
            return self._fill_interactive(vals)
        texts = [v for k, v in vals.items() if isinstance(v, str) and self.fields[k].kind == "text"]
        if all(_cp1252_ok(t) for t in texts):
            return self._fill_fast(vals)
        return self._fill_unicode(vals)

    def _items(self, vals: dict[str, str | bool]):
        """Yield (page, kind, rect, value, info) for every visible widget to draw."""
        for name, value in vals.items():
            info = self.fields[name]
            for w in info.widgets:
                if w.hidden or w.page < 0:
                    continue
                if info.kind == "text":
                    if value:
                        yield w.page, "text", w.rect, value, info
                elif info.kind == "checkbox":
                    if value:
                        yield w.page, "check", w.rect, None, info
                elif value and value == w.on_state:
                    yield w.page, "radio", w.rect, None, info

    def _fill_fast(self, vals) -> bytes:
        base = self._flat_base()
        pages: list[list[bytes]] = [[] for _ in range(base.npages)]
        for page, kind, rect, value, info in self._items(vals):
            ops = pages[page]
            if kind == "text":
                size, lines = _layout(value, rect, info.multiline, info.font_size, _helv_width)
                x0, y0, x1, y1 = rect
                ops.append(b"q %s %s %s %s re W n BT 0 g /%s %s Tf\n" % (
                    _fmt(x0), _fmt(y0), _fmt(x1 - x0), _fmt(y1 - y0), _FONT_KEY.encode(), _fmt(size)))
                for x, y, line in lines:
                    ops.append(b"1 0 0 1 %s %s Tm %s Tj\n" % (_fmt(x), _fmt(y), _pdf_string(line)))
                ops.append(b"ET Q\n")
            else:
                ops.append(_check_ops(rect, kind == "radio"))
        return base.assemble([b"".join(p) for p in pages])

    def _fill_unicode(self, vals) -> bytes:
        """Slow path: draw the values with reportlab (embedded Unicode TTF) and merge with pypdf."""
        from reportlab.pdfgen import canvas as rl_canvas

        font = _unicode_font()
        base = self._flat_base()
        measure_u = (lambda s: pdfmetrics.stringWidth(s, font, 1000) / 1000.0) if font else _helv_width
        by_page: dict[int, list] = {}
        for item in self._items(vals):
            by_page.setdefault(item[0], []).append(item)
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base.flat_bytes)))
        for pno, items in sorted(by_page.items()):
            page = writer.pages[pno]
            w = float(page.mediabox.width)
            h = float(page.mediabox.height)
            buf = io.BytesIO()
            c = rl_canvas.Canvas(buf, pagesize=(w, h), invariant=1)
            for _, kind, rect, value, info in items:
                x0, y0, x1, y1 = rect
                if kind == "text":
                    uni = not _cp1252_ok(value)
                    fname = font if (uni and font) else "Helvetica"
                    if uni and not font:
                        value = value.encode("cp1252", "replace").decode("cp1252")
                    meas = measure_u if fname != "Helvetica" else _helv_width
                    size, lines = _layout(value, rect, info.multiline, info.font_size, meas)
                    c.saveState()
                    p = c.beginPath()
                    p.rect(x0, y0, x1 - x0, y1 - y0)
                    c.clipPath(p, stroke=0, fill=0)
                    c.setFillGray(0)
                    c.setFont(fname, size)
                    for x, y, line in lines:
                        c.drawString(x, y, _visual(line))
                    c.restoreState()
                else:
                    c.saveState()
                    s = min(x1 - x0, y1 - y0)
                    if kind == "radio":
                        c.circle((x0 + x1) / 2, (y0 + y1) / 2, s * 0.25, stroke=0, fill=1)
                    else:
                        m = s * 0.2
                        c.setLineWidth(1.2)
                        c.setLineCap(1)
                        c.line(x0 + m, y0 + m, x1 - m, y1 - m)
                        c.line(x0 + m, y1 - m, x1 - m, y0 + m)
                    c.restoreState()
            c.showPage()
            c.save()
            page.merge_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    def _fill_interactive(self, vals) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(self._data)))
        texts = {k: v for k, v in vals.items() if self.fields[k].kind == "text"}
        if texts:
            # pypdf matches qualified names; font size 0 (auto) for multi-line fields
            writer.update_page_form_field_values(None, texts, auto_regenerate=False)
        buttons = {k: v for k, v in vals.items() if self.fields[k].kind != "text"}
        if buttons:
            _set_buttons(writer, self.fields, buttons)
        writer.set_need_appearances_writer(True)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def _set_buttons(writer: PdfWriter, fields: dict[str, FieldInfo], buttons: dict[str, str | bool]):
    """Set check boxes/radios by walking the field tree (on-states read from each widget's /AP /N)."""
    acro = writer._root_object["/AcroForm"].get_object()

    def walk(refs, prefix):
        for ref in refs:
            obj = ref.get_object()
            part = obj.get("/T")
            name = f"{prefix}.{part}" if (prefix and part is not None) else (str(part) if part is not None else prefix)
            kids = obj.get("/Kids")
            if name in buttons and name in fields:
                value = buttons[name]
                info = fields[name]
                widgets = [k.get_object() for k in kids] if kids and not any(
                    "/T" in k.get_object() for k in kids) else [obj]
                if info.kind == "checkbox":
                    state = info.states[0] if value else "Off"
                else:
                    state = value or "Off"
                obj[NameObject("/V")] = NameObject("/" + state)
                for w in widgets:
                    n = w["/AP"]["/N"]
                    has = ("/" + state) in n
                    w[NameObject("/AS")] = NameObject("/" + state if has else "/Off")
            elif kids:
                walk(kids, name)

    walk(acro["/Fields"], "")


_UFONT: list = []


def _unicode_font() -> str | None:
    if not _UFONT:
        name = None
        from reportlab.pdfbase.ttfonts import TTFont
        for cand in _UNICODE_FONT_CANDIDATES:
            if cand and os.path.exists(cand):
                try:
                    pdfmetrics.registerFont(TTFont("DocgenUnicode", cand))
                    name = "DocgenUnicode"
                    break
                except Exception:  # noqa: BLE001 - try the next one
                    continue
        _UFONT.append(name)
    return _UFONT[0]


_CACHE: dict[str, PdfForm] = {}
_CACHE_LOCK = threading.Lock()


def get_form(name: str) -> PdfForm:
    """A cached PdfForm for ``templates/forms/<name>.pdf``."""
    with _CACHE_LOCK:
        form = _CACHE.get(name)
        if form is None:
            form = _CACHE[name] = PdfForm(FORMS_DIR / f"{name}.pdf")
        return form
