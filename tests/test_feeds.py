"""News feeds (bot/feeds.py) against a local web server: RSS 2.0, RSS 1.0 and Atom,
a broken feed, a 304, a page robots.txt forbids, a slow page; and the CLI around them
(`atbot feeds ...`, `atbot update`, `atbot ingest thaigov-v2`)."""

from __future__ import annotations

import io
import tarfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.feeds import check_feed_url, clean_url, update_feeds
from bot.fetch import FetchPolicy
from bot.index import ReleaseIndex
from tests.conftest import DATA, SAMPLE_DIR, needs_sample
from tests.http_server import HttpServer, Route
from tests.test_cli import atbot

UA = "atbot/test (+https://example.org/contact)"
POLICY = FetchPolicy(UA, min_delay=0.0, timeout=1.0, attempts=2, backoff=0.05)

# Hand-written pages (not corpus copies): two on anti-trafficking work, one not.
ON_TOPIC_TH = (
    "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ ให้ความช่วยเหลือผู้เสียหายจากการค้ามนุษย์ "
    "จำนวน 12 ราย ที่ถูกหลอกไปทำงานในแก๊งคอลเซ็นเตอร์ ประเทศเมียนมา โดยประสานงานกับสถานทูต "
    "และส่งตัวเข้าสถานคุ้มครองเพื่อคัดแยกผู้เสียหาย ผู้พบเห็นเหตุการค้ามนุษย์ "
    "แจ้งได้ที่ศูนย์ช่วยเหลือสังคม สายด่วน 1300 ตลอด 24 ชั่วโมง"
)
ON_TOPIC_EN = (
    "Thai police and IOM rescued 40 victims of human trafficking from a scam compound near "
    "Myawaddy. The victims, forced to work in online fraud, were screened under the national "
    "referral mechanism and given shelter. Anyone who sees signs of trafficking in persons can "
    "call the 1300 hotline, open 24 hours."
)
OFF_TOPIC = ("The provincial governor opened a new durian market on Friday. Farmers expect "
             "prices to rise this season because of strong demand from abroad.")


def page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.split(". "))
    return (f"<html lang='en'><head><title>{title} | News</title></head><body>"
            f"<nav>Home · News · Contact</nav><article><h1>{title}</h1>{paragraphs}"
            f"</article><footer>© News site</footer></body></html>")


def rss(*items: tuple[str, str, str, str]) -> str:
    """An RSS 2.0 feed of (title, link, RFC 822 date, summary)."""
    body = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
                   f"<description><![CDATA[<p>{s}</p>]]></description></item>"
                   for t, link, d, s in items)
    return (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
            f"<title>Test news</title><link>http://x/</link>{body}</channel></rss>")


@pytest.fixture
async def index(tmp_path: Path) -> AsyncIterator[ReleaseIndex]:
    opened = await ReleaseIndex.open(tmp_path / "feeds.sqlite3")
    yield opened
    await opened.close()


async def stored(index: ReleaseIndex) -> dict[str, tuple[str, str, str, str]]:
    """url -> (title, date, lang, source) of every indexed release."""
    async with index.db.execute("SELECT url, title, date, lang, source_name FROM releases") as c:
        return {row[0]: tuple(row[1:]) async for row in c}


async def test_an_rss_feed_is_indexed_politely_and_only_once(index: ReleaseIndex) -> None:
    with HttpServer() as server:
        server.routes.update({
            "/robots.txt": Route(body="User-agent: *\nDisallow: /private/\n",
                                 content_type="text/plain"),
            "/news/1": Route(body=page("พม. ช่วยเหลือผู้เสียหาย 12 ราย", ON_TOPIC_TH)),
            "/news/2": Route(body=page("Durian market opens", OFF_TOPIC)),
            "/private/3": Route(body=page("never fetched", ON_TOPIC_EN)),
        })
        server.routes["/rss.xml"] = Route(etag='"v1"', content_type="application/rss+xml",
                                          body=rss(
            ("พม. ช่วยเหลือผู้เสียหาย 12 ราย", server.url("/news/1?utm_source=x&utm_medium=y"),
             "Fri, 20 Nov 2026 10:00:00 +0700", "ย่อ"),
            ("Durian market opens", server.url("/news/2"), "Fri, 20 Nov 2026 11:00:00 +0700",
             OFF_TOPIC),
            ("Police and IOM rescue 40 trafficking victims", server.url("/private/3"),
             "Sat, 21 Nov 2026 09:00:00 +0700", ON_TOPIC_EN),
        ))
        await index.add_feed("test", server.url("/rss.xml"))
        [result] = await update_feeds(index, DATA, POLICY)
        assert result.error is None
        assert (result.entries, result.new, result.report.indexed,
                result.report.off_topic) == (3, 3, 2, 1)
        releases = await stored(index)
        assert releases[server.url("/news/1")] == (
            "พม. ช่วยเหลือผู้เสียหาย 12 ราย", "2026-11-20", "th", "test")
        # robots.txt forbids /private/: the feed's own summary stands in for the page.
        assert releases[server.url("/private/3")][1:] == ("2026-11-21", "en", "test")
        assert server.requests_to("/private/3") == []
        assert all(r.headers["user-agent"] == UA for r in server.requests)

        # The next update: the feed answers 304 and no page is fetched again.
        before = len(server.requests)
        [again] = await update_feeds(index, DATA, POLICY)
        assert again.not_modified
        paths = [r.path for r in server.requests[before:]]
        assert paths == ["/robots.txt", "/rss.xml"]  # robots.txt is read again each run
        assert server.requests[-1].headers.get("if-none-match") == '"v1"'
        # A changed feed (no ETag now) lists the same entries: none is fetched again.
        server.routes["/rss.xml"].etag = None
        [third] = await update_feeds(index, DATA, POLICY)
        assert (third.entries, third.new) == (3, 0)
        assert not any(r.path.startswith("/news/") for r in server.requests[before:])


async def test_atom_and_rss_1_dates_are_days_in_thailand(index: ReleaseIndex) -> None:
    with HttpServer() as server:
        server.routes["/a/1"] = Route(body=page("Police and IOM rescue 40 victims", ON_TOPIC_EN))
        server.routes["/r/1"] = Route(body=page("พม. ช่วยเหลือผู้เสียหาย", ON_TOPIC_TH))
        server.routes["/atom.xml"] = Route(content_type="application/atom+xml", body=(
            "<?xml version='1.0' encoding='utf-8'?>"
            "<feed xmlns='http://www.w3.org/2005/Atom'><title>Atom news</title>"
            "<id>urn:x</id><updated>2026-11-20T20:00:00-05:00</updated>"
            "<entry><title>Police and IOM rescue 40 victims</title><id>urn:1</id>"
            f"<link href='{server.url('/a/1')}'/>"
            # 20:00 in New York is 08:00 the next day in Bangkok.
            "<published>2026-11-20T20:00:00-05:00</published>"
            "<updated>2026-11-20T20:00:00-05:00</updated></entry></feed>"))
        server.routes["/rdf.xml"] = Route(content_type="application/rdf+xml", body=(
            "<?xml version='1.0' encoding='utf-8'?>"
            "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
            "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            "<channel rdf:about='urn:c'><title>RDF news</title><link>http://x/</link>"
            "<description>d</description></channel>"
            f"<item rdf:about='{server.url('/r/1')}'><title>พม. ช่วยเหลือผู้เสียหาย</title>"
            f"<link>{server.url('/r/1')}</link><dc:date>2026-11-19T23:30:00Z</dc:date></item>"
            "</rdf:RDF>"))
        await index.add_feed("atom", server.url("/atom.xml"))
        await index.add_feed("rdf", server.url("/rdf.xml"))
        results = await update_feeds(index, DATA, POLICY)
        assert [r.report.indexed for r in results] == [1, 1]
        releases = await stored(index)
        assert releases[server.url("/a/1")][1:] == ("2026-11-21", "en", "atom")
        assert releases[server.url("/r/1")][1:] == ("2026-11-20", "th", "rdf")


async def test_a_broken_feed_is_reported_and_the_others_still_update(
        index: ReleaseIndex) -> None:
    with HttpServer() as server:
        server.routes["/ok/1"] = Route(body=page("Police and IOM rescue 40 victims", ON_TOPIC_EN))
        server.routes["/good.xml"] = Route(body=rss((
            "Police and IOM rescue 40 victims", server.url("/ok/1"),
            "Fri, 20 Nov 2026 10:00:00 +0700", "s")), content_type="application/rss+xml")
        server.routes["/broken.xml"] = Route(body="<rss><channel><item><title>cut",
                                             content_type="application/rss+xml")
        server.routes["/gone.xml"] = Route(status=404)
        for name in ("broken", "gone", "good"):
            await index.add_feed(name, server.url(f"/{name}.xml"))
        results = {r.name: r for r in await update_feeds(index, DATA, POLICY)}
        assert "not a readable RSS or Atom feed" in (results["broken"].error or "")
        assert results["gone"].error == "HTTP 404"
        assert results["good"].error is None and results["good"].report.indexed == 1
        feeds = {f.name: f for f in await index.feeds()}
        assert feeds["gone"].last_error == "HTTP 404" and feeds["good"].last_error is None


async def test_a_slow_page_falls_back_to_the_feed_summary(index: ReleaseIndex) -> None:
    with HttpServer() as server:
        server.routes["/slow/1"] = Route(body=page("x", OFF_TOPIC), delay=3.0)
        server.routes["/rss.xml"] = Route(body=rss((
            "Police and IOM rescue 40 victims", server.url("/slow/1"),
            "Fri, 20 Nov 2026 10:00:00 +0700", ON_TOPIC_EN)), content_type="application/rss+xml")
        await index.add_feed("slow", server.url("/rss.xml"))
        [result] = await update_feeds(index, DATA, POLICY)
        assert result.pages_failed == 1 and result.report.indexed == 1
        assert len(server.requests_to("/slow/1")) == POLICY.attempts


async def test_the_same_release_from_two_sources_is_one_record_with_both_links(
        index: ReleaseIndex) -> None:
    with HttpServer() as server:
        for site in ("one", "two"):
            server.routes[f"/{site}/story"] = Route(
                body=page("Police and IOM rescue 40 victims", ON_TOPIC_EN))
            server.routes[f"/{site}.xml"] = Route(body=rss((
                "Police and IOM Rescue 40  victims", server.url(f"/{site}/story"),
                "Fri, 20 Nov 2026 10:00:00 +0700", "s")), content_type="application/rss+xml")
            await index.add_feed(site, server.url(f"/{site}.xml"))
        results = await update_feeds(index, DATA, POLICY)
        assert [(r.report.indexed, r.merged) for r in results] == [(1, 0), (0, 1)]
        [(release_id, _)] = [(i, u) for i, u in (await _ids(index)).items()]
        assert await index.other_links([release_id]) == {release_id: [server.url("/two/story")]}


async def _ids(index: ReleaseIndex) -> dict[int, str]:
    async with index.db.execute("SELECT id, url FROM releases") as cursor:
        return {int(i): str(u) async for i, u in cursor}


def test_thaigov_is_never_a_feed_and_other_addresses_must_be_urls() -> None:
    assert "forbids automated collection" in (check_feed_url("https://thaigov.go.th/rss") or "")
    assert check_feed_url("https://news.thaigov.go.th/rss.xml") is not None
    assert check_feed_url("ftp://example.org/rss") is not None
    assert check_feed_url("https://www.example.org/thaigov.go.th/rss") is None


def test_tracking_parameters_are_not_part_of_a_page_identity() -> None:
    assert (clean_url("https://a.example/x?utm_source=t&id=3&fbclid=abc#c")
            == "https://a.example/x?id=3")
    assert clean_url("https://A.example") == "https://a.example/"


def test_feeds_commands_record_list_and_remove_without_fetching(bundled_copy: Path) -> None:
    db = str(bundled_copy)
    done = atbot("feeds", "add", "http://127.0.0.1:9/rss.xml", "--db", db)  # nothing listens
    assert done.returncode == 0, done.stderr
    assert "added 127-0-0-1: http://127.0.0.1:9/rss.xml" in done.stdout
    again = atbot("feeds", "add", "http://127.0.0.1:9/other.xml", "--db", db)
    assert "added 127-0-0-1-2" in again.stdout
    listed = atbot("feeds", "list", "--db", db)
    assert "127-0-0-1  http://127.0.0.1:9/rss.xml" in listed.stdout
    assert "not read yet" in listed.stdout
    refused = atbot("feeds", "add", "https://www.thaigov.go.th/rss", "--db", db)
    assert refused.returncode == 2 and "forbids automated collection" in refused.stderr
    assert "Traceback" not in refused.stderr
    removed = atbot("feeds", "remove", "127-0-0-1", "--db", db)
    assert removed.returncode == 0 and "removed 127-0-0-1" in removed.stdout
    missing = atbot("feeds", "remove", "nothing", "--db", db)
    assert missing.returncode == 1 and "no feed named" in missing.stderr
    update = atbot("update", "--db", db)  # the feed left answers nothing: reported by name
    assert update.returncode == 1, update.stdout + update.stderr
    assert update.stdout.startswith("127-0-0-1-2: failed: ")
    assert "Traceback" not in update.stderr


@needs_sample
def test_ingest_thaigov_v2_streams_the_repository_tarball(tmp_path: Path) -> None:
    files = sorted(SAMPLE_DIR.rglob("*.txt"))[:30]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for file in files:  # GitHub's layout: one top folder, then the repository's files
            archive.add(file, f"PyThaiNLP-thaigov-v2-corpus-0123abc/data/"
                              f"{file.relative_to(SAMPLE_DIR)}")
    with HttpServer() as server:
        server.routes["/repos/PyThaiNLP/thaigov-v2-corpus/tarball"] = Route(
            status=302, headers={"Location": server.url("/codeload/main.tar.gz")})
        server.routes["/codeload/main.tar.gz"] = Route(body=buffer.getvalue(), chunked=True,
                                                       content_type="application/x-gzip")
        done = atbot("ingest", "thaigov-v2", "--db", str(tmp_path / "c.sqlite3"),
                     env={"ATBOT_GITHUB_API": server.base_url,
                          "ATBOT_CONTACT_URL": "https://example.org/contact"})
        assert done.returncode == 0, done.stderr
        assert "files read:  30" in done.stdout and "failed:      0" in done.stdout
        agents = {r.headers["user-agent"] for r in server.requests}
        assert agents == {"atbot/0.1.0 (+https://example.org/contact)"}
