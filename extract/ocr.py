"""OCR of one rendered PDF page with Tesseract, for pages whose text layer is missing or broken.

The page is rendered with pypdfium2 (~300 dpi, greyscale) and read with
`pytesseract.image_to_data`, which gives every word with its box and confidence. Page
segmentation mode 4 (one column of lines of varying size) keeps a minute number on the
line of its title ("08.18.01 Apologies"), where the default mode 3 reads the number column
as a block of its own. Words are
grouped into lines (Tesseract's block/paragraph/line numbers) with their position in PDF
points, so `read_pdf` can build paragraphs from OCR lines exactly as from text-layer lines.

Landscape-rotated scans (a copier page stored on its side: Des Moines roll call 2023-04-24)
read as garbage upright; when confidence is low we ask Tesseract's OSD for the rotation, and
when OSD cannot tell we try 90 and 270 degrees and keep the best-scoring reading.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from typing import Optional

DPI = 300
#: below this mean word confidence (0-100) a reading is suspect and other rotations are tried
LOW_CONFIDENCE = 60
MIN_WORDS = 8
CONFIDENT = 60


@dataclass
class OcrLine:
    text: str
    x0: float  # PDF points, from the left edge of the (possibly rotated) page image
    x1: float
    top: float  # PDF points from the top
    bottom: float
    block: int = 0  # Tesseract block/paragraph, so paragraphs can be kept apart


@dataclass
class OcrPage:
    lines: list[OcrLine] = field(default_factory=list)
    confidence: Optional[float] = None  # mean word confidence 0-100
    rotation: int = 0  # degrees the rendered image was turned before reading
    words: int = 0
    confident_words: int = 0  # words read with confidence >= CONFIDENT

    @property
    def score(self) -> float:
        """Confidence-weighted word count: a reading with more confident words wins."""
        return (self.confidence or 0.0) * self.words

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def render(page, dpi: int = DPI):
    """A greyscale PIL image of a pypdfium2 page at `dpi`."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def ocr_page(page, dpi: int = DPI) -> OcrPage:
    """OCR a pypdfium2 page; the best of the upright and rotated readings."""
    return ocr_image(render(page, dpi), dpi)


def ocr_image(image, dpi: int = DPI) -> OcrPage:
    """The upright reading when it is confident, else the best of it and turned readings."""
    best = read_image(image, dpi)
    if best.confidence is not None and best.confidence >= LOW_CONFIDENCE and best.words >= MIN_WORDS:
        return best
    for angle in _rotations_to_try(image):
        candidate = read_image(image.rotate(angle, expand=True), dpi, rotation=angle)
        if candidate.score > best.score * 1.2:
            best = candidate
    return best


def _rotations_to_try(image) -> list[int]:
    """OSD's answer when it has one (PIL rotates counter-clockwise, hence 360 - angle),
    else both quarter turns: a sideways scan is the common failure."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT)
        angle = int(osd.get("rotate", 0)) % 360
        if angle:
            return [(360 - angle) % 360]
    except Exception:  # OSD fails on pages with too little text ("Too few characters")
        pass
    return [90, 270]


def read_image(image, dpi: int = DPI, rotation: int = 0) -> OcrPage:
    """Tesseract words -> lines in PDF points, with the mean word confidence."""
    import pytesseract

    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT, config="--psm 4")
    scale = 72 / dpi
    groups: dict[tuple, list[int]] = {}
    confidences = []
    for i, word in enumerate(data["text"]):
        if not word.strip():
            continue
        conf = float(data["conf"][i])
        if conf < 0:
            continue
        confidences.append(conf)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        groups.setdefault(key, []).append(i)
    lines = []
    for (block, par, _), idx in groups.items():
        words = [data["text"][i].strip() for i in idx]
        lines.append(OcrLine(
            text=" ".join(words),
            x0=min(data["left"][i] for i in idx) * scale,
            x1=max(data["left"][i] + data["width"][i] for i in idx) * scale,
            top=min(data["top"][i] for i in idx) * scale,
            bottom=max(data["top"][i] + data["height"][i] for i in idx) * scale,
            block=block * 1000 + par,
        ))
    lines.sort(key=lambda line: (line.block, line.top))
    confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrPage(lines=lines, confidence=confidence, rotation=rotation, words=len(confidences),
                   confident_words=sum(1 for c in confidences if c >= CONFIDENT))
