"""Citations that travel: cite a view or a single position, and link a quote into its original article.

Plain functions over the validated data; the app draws their text, the command line and tests call
them directly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import quote as percent_encode
from urllib.parse import urldefrag

from landscape.schema import Landscape, Position, Source, date_words

DASHBOARD = "Negotiation Landscape"
FRAGMENT_WORDS = 4  # words at each end of a long quote: textStart,textEnd finds it without spelling it all out


def _fragment_part(text: str) -> str:
    # Text fragments reserve '-', ',' and '&' as delimiters: percent-encode them along with the rest.
    return percent_encode(text, safe="").replace("-", "%2D")


def text_fragment_url(url: str, quote: str) -> str:
    """The article's address with a text fragment (#:~:text=) built from the quote's own words.

    Browsers that support text fragments scroll to the passage and highlight it. A long quote is
    named by its first and last words (textStart,textEnd), a short one whole.
    """
    words = quote.split()
    if len(words) <= 2 * FRAGMENT_WORDS:
        directive = _fragment_part(" ".join(words))
    else:
        directive = f"{_fragment_part(' '.join(words[:FRAGMENT_WORDS]))},{_fragment_part(' '.join(words[-FRAGMENT_WORDS:]))}"
    return f"{urldefrag(url).url}#:~:text={directive}"


@dataclass(frozen=True)
class ViewCitation:
    plain: str
    bibtex: str
    csl_json: str


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_\\])", r"\\\1", text)


def cite_view(data: Landscape, link: str, title: str, accessed: dt.date) -> ViewCitation:
    """A citation for exactly what is on screen: the dashboard, the data's version, the access date and the link."""
    version = str(data.updated)
    name = f"{DASHBOARD}: {title}"
    plain = f"{name}. Data version {version}. Accessed {accessed.isoformat()}. {link}"
    key = f"landscape{version.replace('-', '')}"
    bibtex = (
        f"@misc{{{key},\n  title = {{{_bibtex_escape(name)}}},\n  howpublished = {{\\url{{{link}}}}},\n"
        f"  note = {{Data version {version}; accessed {accessed.isoformat()}}},\n  year = {{{accessed.year}}}\n}}"
    )
    csl = {
        "id": key,
        "type": "dataset",
        "title": name,
        "version": version,
        "URL": link,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }
    return ViewCitation(plain, bibtex, json.dumps(csl, ensure_ascii=False, indent=2))


def source_reference(source: Source) -> str:
    """Where the original can be found, as a plain citation: author, “title”, outlet, date (as precise as known)."""
    facts = [
        source.author.value,  # left out when unknown: the title leads
        f"“{source.title.value}”" if source.title.value else "untitled",
        source.outlet.value,
        date_words(source.published.value) if source.published.value else "date unknown",
    ]
    return ", ".join(fact for fact in facts if fact)


def cite_position(position: Position, sources: dict[str, Source], link: str = "", version: str = "") -> str:
    """A citation for one position: its stable id (and the data's version), then for each quote its source's facts and the verbatim words."""
    edition = f" (data version {version})" if version else ""
    lines = [f"{DASHBOARD}{edition}, position {position.id}: {position.summary}" + (f" {link}" if link else "")]
    for citation in position.citations:
        source = sources[citation.source]
        facts = [
            source.author.value or "author unknown",
            f"“{source.title.value}”" if source.title.value else "untitled",
            source.outlet.value or "outlet unknown",
            str(source.published.value) if source.published.value else "date unknown",
        ]
        if source.url.value:
            facts.append(source.url.value)
        lines.append(f"“{' '.join(citation.quote.split())}” ({', '.join(facts)})")
    return "\n".join(lines)
