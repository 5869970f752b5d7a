"""Shared fixtures: paths to the project data and the shared corpus, and real indexes.

Nothing here fakes project code: indexes are built by the real ingest into
real SQLite files under pytest's tmp folders.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.answers import Answer
from bot.config import Settings, state_path_beside
from bot.core import Core, open_core
from bot.data import load_data
from bot.index import ReleaseIndex
from bot.ingest import ingest
from bot.message import read_message
from bot.state import PeopleState, SqliteState
from bot.state_pg import PostgresState
from tests.postgres import Server, running_server

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SHARED = ROOT.parent / "shared"
SAMPLE_DIR = SHARED / "corpus" / "sample"
CORPUS_ARCHIVE = SHARED / "corpus" / "thaigov-v2.tar.xz"
SEED_FILE = DATA_DIR / "records" / "000_342210386edddb74.txt"
SEED_URL = "https://www.thaigov.go.th/news/contents/details/88388"

# The project's data, read once for the whole test session, as atbot does at start.
DATA = load_data(DATA_DIR)

needs_sample = pytest.mark.skipif(
    not SAMPLE_DIR.is_dir(), reason="../shared/corpus/sample is not beside the checkout"
)


def release_text(
    *,
    title: str = "ข่าวทดสอบการต่อต้านการค้ามนุษย์",
    date_line: str = "วันพุธที่ 25 กันยายน 2567",
    furniture: tuple[str, ...] = (),
    title_repeats: int = 2,
    body: tuple[str, ...] = ("ย่อหน้าแรกของข่าวเรื่องการค้ามนุษย์", "ย่อหน้าที่สอง"),
    hashtags: str | None = None,
    url: str = "https://www.thaigov.go.th/news/contents/details/900001",
    prefix: str = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-",
) -> str:
    """A release in the corpus file format, written for tests (not a corpus copy)."""
    lines = [prefix + title, "", "", date_line, *furniture, *([title] * title_repeats), *body]
    if hashtags is not None:
        lines.append(hashtags)
    lines += ["", "ที่มา" + " : " + url]
    return "\n".join(lines)


def settings_for(db_path: Path) -> Settings:
    return Settings(db_path=db_path, data_dir=DATA_DIR, state_path=state_path_beside(db_path))


async def build_index(db_path: Path, inputs: list[str], **options: object) -> None:
    index = await ReleaseIndex.open(db_path)
    try:
        await ingest(index, inputs, DATA, **options)  # type: ignore[arg-type]
    finally:
        await index.close()


async def search(core: Core, text: str, *, limit: int = 10, offset: int = 0) -> Answer:
    """Ranked releases for `text`, as the engine gives them (no intent, no card)."""
    query = await core.engine.parse(read_message(text))
    return await core.engine.search(query, limit=limit, offset=offset)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of ../shared/corpus/sample, built once per test session."""
    if not SAMPLE_DIR.is_dir():
        pytest.skip("../shared/corpus/sample is not beside the checkout")
    path = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    asyncio.run(build_index(path, [str(SAMPLE_DIR)]))
    return path


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the releases bundled in data/records, as a first start builds it."""
    path = tmp_path_factory.mktemp("bundled") / "bundled.sqlite3"
    asyncio.run(build_index(path, [str(DATA_DIR / "records")], all_topics=True, workers=0))
    return path


@pytest.fixture
def bundled_copy(bundled_db: Path, tmp_path: Path) -> Path:
    """A private copy of the bundled index (a chosen --db must exist)."""
    target = tmp_path / "x.sqlite3"
    shutil.copy(bundled_db, target)
    return target


@pytest.fixture
def sample_db_copy(sample_db: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the sample index, for tests that write."""
    target = tmp_path / "copy.sqlite3"
    shutil.copy(sample_db, target)
    yield target


@pytest.fixture
async def sample_core(sample_db: Path) -> AsyncIterator[Core]:
    core = await open_core(settings_for(sample_db), DATA)
    try:
        yield core
    finally:
        await core.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server | str]:
    """A PostgreSQL server for the whole session, or why there is none."""
    folder = Path(tempfile.mkdtemp(prefix="atbot-pg-"))
    try:
        yield from running_server(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: Server | str) -> str:
    """A new, empty PostgreSQL database (skipped, saying why, where there is no server)."""
    if isinstance(postgres_server, str):
        pytest.skip(postgres_server)
    return postgres_server.database()


@pytest.fixture(params=["sqlite", "postgresql"])
async def people(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[PeopleState]:
    """The people state on each backend, empty."""
    store: PeopleState
    if request.param == "sqlite":
        store = await SqliteState.open(tmp_path / "state.sqlite3")
    else:
        store = await PostgresState.open(request.getfixturevalue("postgres_url"))
    try:
        yield store
    finally:
        await store.close()
