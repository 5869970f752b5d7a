"""Which language a message is in: by script first, then, for Latin letters,
by a language identifier that ships its model inside its package. And Burmese
typed in the Zawgyi encoding, put back into Unicode.

    Myanmar letters -> my     Khmer -> km     Lao -> lo     Han -> zh
    Thai -> th                Latin -> vi, id or en

A script counts by its letters; Thai, Lao, Khmer and Burmese letters count
twice and Chinese characters three times against Latin ones, because a
message in those scripts often carries a Latin word or two ("passport",
"IOM", "KK Park") and is still written in its own language. Latin text is
Vietnamese when it has a letter only Vietnamese uses (ơ, ư, đ, ạ...); else
Vietnamese or Indonesian when it has more of that language's everyday words
than of the other's and of English ones (people type Vietnamese without its
accents, and Indonesian in chat spellings: "cuu toi voi", "gak bisa
keluar"); when that is even, for four words or more, what py3langid,
restricted to English, Vietnamese and Indonesian, is confident of. A message
with no everyday word of either ("hi", "IOM", "help me", a name such as
"Apinya Tajit", which a statistical model reads as Indonesian) stays English.

>>> [identify_language(t) for t in ("ค้ามนุษย์", "救命 我被困在妙瓦底", "Xin chào", "IOM")]
['th', 'zh', 'vi', 'en']
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters of each script (and Latin with its accented forms).
_SCRIPTS = (
    ("th", re.compile("[\u0e01-\u0e4e]"), 2),
    ("lo", re.compile("[\u0e81-\u0edf]"), 2),
    ("my", re.compile("[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]"), 2),
    ("km", re.compile("[\u1780-\u17ff\u19e0-\u19ff]"), 2),
    ("zh", re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"), 3),
    ("latin", re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"), 1),
)
# Letters only Vietnamese uses: the horn and breve vowels, đ, and the vowels with
# a hook, a dot below or two marks (Latin Extended Additional). Not á, é or à:
# French, Spanish and English loanwords ("chargé") have them too.
_RE_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Everyday words of each language, as people type them in chats (Vietnamese
# without its accents), left out where they are English words or names too ("do",
# "the", "ban", "jam", "thai"). Counted once each.
_MARKERS = {
    "vi": _words("""
        toi tui minh em anh chi khong ko kg dc duoc nguoi cuu giup voi bi lua nha roi gi
        cty tien lam dau nay vay hoi xin thang lau chao dt muon doi trieu tha dam noi giu
        lai chuoc nuoc nao sao nhieu cung nhu nhung phai nua oi nhe ve cho bao viet cong
        moi luong viec biet duong gio sang qua bay ngay lien lac mat tich ca hay dang thi
        chieu khi nhung chong vo
    """),
    "id": _words("""
        saya sy aku gue gw gak ga nggak enggak tidak udah sudah apa itu yang yg ke dari dr
        kerja gaji kak bang mau bisa gimana gmn dong sih kami kita mereka ini dengan untuk
        dan tolong tolongin halo oke siap cara urus berapa brp hari denda ada adek adik umur
        sampe sampai malem boleh sekolah kemana minta selamat pagi siang malam terima kasih
        makasih juga belum lagi aja banget bgt skrg sekarang dimana kenapa bagaimana polisi
        pekerja berita beritanya pusat disuruh dipaksa kabur pulang takut tahun bulan orang
        majikan suka makan cuma sekali sehari paspor uang rumah anak istri suami teman
        tempat disini sana sini apakah gimana kalau kalo karena tapi atau masih pernah
        baru terbaru harga
    """),
    "en": _words("""
        i me my we us our you your he she they the a an is are was were be been am to of in
        on at for with from and or but not no what how where when who why which please help
        can could would should will do does did have has had this that there here get go
        want need news about any
    """),
}
_RE_WORD = re.compile(r"[a-z]+")
# Below this many words, a Latin text whose everyday words do not settle its
# language is English.
_FEW_WORDS = 4
# How sure (0-1, py3langid's normalised probability) the identifier must be to
# call longer Latin text Vietnamese or Indonesian rather than English.
_CONFIDENT = 0.9
# Burmese letters (and Zawgyi's, which reuse the same code points).
_RE_MYANMAR = re.compile("[\u1000-\u109f]")
# How sure Google's Zawgyi detector (myanmartools) must be that Burmese text is
# Zawgyi before it is converted: ~1.0 for Zawgyi sentences, below 0.01 for
# Unicode ones, 0.5-0.7 for a short Zawgyi greeting ("မင်္ဂလာပါ"). Converting
# Unicode text would damage it, so only what the detector calls Zawgyi is.
_ZAWGYI = 0.5


def identify_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in; None without letters."""
    counts = {code: len(pattern.findall(text)) * weight for code, pattern, weight in _SCRIPTS}
    script = max(counts, key=lambda code: counts[code])
    if counts[script] == 0:
        return None
    if script != "latin":
        return script
    return _latin_language(text)


def _latin_language(text: str) -> str:
    """en, vi or id: see the module docstring."""
    if _RE_VIETNAMESE.search(text):
        return "vi"
    plain = _without_marks(text).lower()
    words = _RE_WORD.findall(plain)
    found = set(words)
    if any(w.startswith("tolong") for w in found):  # "tolongg", "tolongin"
        found.add("tolong")
    marked = {lang: len(found & markers) for lang, markers in _MARKERS.items()}
    if not marked["vi"] and not marked["id"]:
        return "en"  # no everyday word of either: a name, an acronym, English
    if marked["vi"] != marked["id"] and max(marked["vi"], marked["id"]) > marked["en"]:
        return "vi" if marked["vi"] > marked["id"] else "id"
    if len(words) < _FEW_WORDS:
        return "en"
    # As many Vietnamese words as Indonesian or English ones: the model decides,
    # if it is sure and the text has a word of the language it names.
    lang, confidence = _identifier().classify(plain)
    sure = lang in ("vi", "id") and confidence >= _CONFIDENT and marked[lang] > 0
    return lang if sure else "en"


def _without_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


@functools.cache
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid restricted to the Latin-script languages people write to the bot in
    (loaded on first use, about 0.6 s: the bot loads it at start, see `warm`)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", "vi", "id"])
    return identifier


def warm() -> None:
    """Load the models now rather than while a message waits (blocking: call it in a
    thread from async code)."""
    _identifier()
    _zawgyi_detector()


def from_zawgyi(text: str) -> str | None:
    """`text` in Unicode if it is Burmese typed in the Zawgyi encoding, else None."""
    if not _RE_MYANMAR.search(text):
        return None
    if _zawgyi_detector().get_zawgyi_probability(text) < _ZAWGYI:
        return None
    import para  # paraencoder: the rules ICU's Zawgyi-my transform uses, in Python

    return str(para.zg_to_unicode(text, force=True))


@functools.cache
def _zawgyi_detector():  # type: ignore[no-untyped-def]
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()
