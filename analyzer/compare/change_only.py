"""Short amendments that only state changes to another agreement, and applying them.

A change-only amendment ("Section 3 is deleted and replaced with ...", "the quantity is
revised from 4,000 to 3,600") has no offer of its own; analysing it alone would report every
discount and credit as removed. Applying its statements to the base gives the deal as amended,
which the normal pipeline can analyse. A statement that cannot be applied is kept as a
Document warning so the buyer knows the amended deal may be incomplete.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..nlp.values import find_counts, find_dates, find_money, find_percents, find_relative_dates
from ..records import Block, DateValue, Document, Money, Revision

CHANGE_PHRASES = re.compile(
    r"is\s+(?:hereby\s+)?deleted\s+(?:in\s+its\s+entirety\s+)?and\s+replaced"
    r"|is\s+(?:hereby\s+)?amended\s+to\s+read"
    r"|(?:is|are)\s+(?:hereby\s+)?(?:revised|changed|amended|reduced|increased|extended|"
    r"shortened|brought\s+forward|postponed|lowered|decreased)\s+from\s"
    r"|^\s*new\s+(?:clause|paragraph|provision)\b"
    r"|hereby\s+amended"
    r"|all\s+other\s+terms\s+(?:and\s+conditions\s+)?(?:of\s+the\s+\w+\s+)?remain\s+unchanged"
    r"|is\s+added\s+as\s+section|following\s+is\s+(?:added|inserted)"
    r"|(?:is|are)\s+(?:hereby\s+)?inserted\s+as\s+(?:a\s+)?new\s+section"
    r"|new\s+(?:section|clause|article)\s+\S+\s+(?:is|shall\s+be)\s+(?:hereby\s+)?(?:inserted|added)"
    r"|new\s+(?:term|clause|paragraph|provision|row|line|condition)\b[^.:]{0,80}?(?:added|inserted)"
    r"|sentence\s+is\s+(?:hereby\s+)?(?:deleted\s+and\s+)?replaced"
    r"|(?:is|are)\s+(?:hereby\s+)?(?:replaced|substituted)\s+(?:by|with)\s"
    r"|(?:is|are)\s+(?:hereby\s+)?(?:struck\s+out|deleted)\s+and\s+(?:the\s+)?(?:words?|figures?)"
    r"|(?:section|clause|article)\s+\d+(?:\.\d+)*[^.]{0,60}?\bis\s+(?:hereby\s+)?deleted"
    r"|\bread\s+as\b[^.]{0,80}\binstead\s+of\b"
    r"|\b(?:reduced|increased|decreased|lowered|raised)\s+by\b[^.]{0,40}\bso\s+that\b"
    r"|\bdelete\s+[\"“][^\"”]+[\"”]\s+and\s+insert\b"
    r"|\b(?:item|line|row)\s+[A-Z]?\d+\b[^.]{0,80}?\b(?:is|are)\s+(?:hereby\s+)?(?:withdrawn|removed)"
    r"|\b(?:increased|reduced|decreased)\s+by\b[^.]{0,60}\b(?:so that|to a total of|bringing)",
    re.IGNORECASE,
)
# 'row "Discount": delete "9%" and insert "7%"'
DELETE_INSERT = re.compile(
    r"\bdelete\s+[\"“](?P<a>[^\"”]+)[\"”]\s+and\s+insert\s+[\"“](?P<b>[^\"”]+)[\"”]|"
    # 'clause 4.2.1 is amended by deleting the words "EUR 180,000 (...)" and inserting the words
    # "EUR 140,000 (...)"', '... deleting "EUR 500,000" and inserting in their place "..."'
    r"\bdeleting\s+(?:the\s+(?:words?|figures?)\s+)?[\"“](?P<a2>[^\"”]+)[\"”]\s+and\s+"
    r"(?:inserting|substituting)\s+(?:in\s+(?:its|their)\s+place\s+)?(?:the\s+(?:words?|figures?)\s+)?"
    r"[\"“](?P<b2>[^\"”]+)[\"”]",
    re.IGNORECASE,
)
# 'Item 4: ECIF made available for Defender ... now reads GBP 45,000 (was GBP 60,000).'
NOW_READS = re.compile(
    r"\bnow\s+(?:reads|read|is|are|stands\s+at)\s+(?P<b>[^()]+?)\s*\((?:was|previously|formerly)\s+"
    r"(?P<a>[^)]+)\)",
    re.IGNORECASE,
)
# 'replacing the licence count in the row headed "Microsoft 365 E5" with "3,150"'
ROW_COUNT_REPLACED = re.compile(
    r"\breplacing\s+the\s+(?:licen[cs]e|seat|user|subscription)\s+(?:count|quantity|number)\s+in\s+"
    r"the\s+row\s+(?:headed|for|named|labelled|labeled)\s+[\"“](?P<product>[^\"”]+)[\"”]\s+with\s+"
    r"[\"“]?(?P<b>\d[\d,]*)",
    re.IGNORECASE,
)
# "[deleted: 30 June 2027] [inserted: 31 March 2027]": wording struck out and put in, written
# as bracketed markup in running text
BRACKETED = re.compile(
    r"\[(?:deleted|delete|removed|struck(?:\s+out)?|strike)\s*:\s*(?P<a>[^\]]*)\]\s*"
    r"\[(?:inserted|insert|added|new)\s*:\s*(?P<b>[^\]]*)\]",
    re.IGNORECASE,
)
# 'row "Microsoft 365 E5 / Ramp Year 2"': the table row a bracketed change is made in
_NAMED_ROW = re.compile(r"\brow\s+[\"“](?P<label>[^\"”]{2,80})[\"”]", re.IGNORECASE)
# 'Item F2 (Microsoft Partner funding, AUD 45,000) is withdrawn'
# 'The "Azure Virtual Desktop credits" row is withdrawn in its entirety': a row named by its label
LABELLED_ROW_WITHDRAWN = re.compile(
    r"[\"“](?P<label>[^\"”]{2,80})[\"”]\s+(?:row|line)\b[^.]{0,40}?\b(?:is|are)\s+(?:hereby\s+)?"
    r"(?:withdrawn|removed|deleted)\b",
    re.IGNORECASE,
)
# 'The value shown in the "Teams voice enablement (ECIF)" row of the investments table'
_LABELLED_ROW = re.compile(
    r"[\"“](?P<label>[^\"”]{2,80})[\"”]\s+(?:row|line)\b|\b(?:row|line)\s+(?:for|of)\s+"
    r"[\"“](?P<label2>[^\"”]{2,80})[\"”]",
    re.IGNORECASE,
)
# '..., and clause 4.4 is deleted.': a section deleted beside another change
_ALSO_DELETED = re.compile(
    r"\band\s+(?:Section|Clause|Paragraph)\s+(?P<num>\d+(?:\.\d+)*)\s+is\s+(?:hereby\s+)?deleted\b",
    re.IGNORECASE,
)
ROW_WITHDRAWN = re.compile(
    r"\b(?:item|line|row)\s+(?P<ref>[A-Z]?\d+)\b[^.]{0,80}?\b(?:is|are)\s+(?:hereby\s+)?"
    r"(?:withdrawn|removed|deleted)\b",
    re.IGNORECASE,
)
# 'the licence count ... shall be read as two thousand nine hundred and fifty (2,950) instead of
# 3,200'
READ_AS = re.compile(
    r"\bread\s+as\s+(?P<b>.+?)\s+instead\s+of\s+(?P<a>.+?)(?=[;.]\s|,\s|[;.]?$)", re.IGNORECASE
)
# 'reduced by EUR 30,000, so that the ECIF contribution amounts to EUR 150,000'
AMOUNT_BY = re.compile(
    r"\b(?P<verb>reduced|increased|decreased|lowered|raised)\s+by\s+(?P<delta>(?:[A-Z]{3}\s?|[$€£]\s?)?"
    r"\d[\d,]*)\s*,?\s+so\s+that\b[^.]{0,60}?\b(?:amounts?\s+to|totals?|is|will\s+be)\s+"
    r"(?P<b>(?:[A-Z]{3}\s?|[$€£]\s?)?\d[\d,]*)",
    re.IGNORECASE,
)
# 'Note 2 of the Quote is deleted'
NOTE_DELETED = re.compile(
    r"\bnote\s+(?P<n>\d+)\b[^.]{0,40}?\b(?:is|are)\s+(?:hereby\s+)?(?:deleted|withdrawn|removed)",
    re.IGNORECASE,
)
# 'the Seats are increased by forty (40), so that the Customer will license 520 seats of
# Microsoft 365 E3'
QUANTITY_TOTAL = re.compile(
    r"\b(?:so that|to a total of|bringing (?:the|its) total to|for a total of)\b[^.]{0,50}?"
    r"\b(?P<b>\d[\d,]*)\s+(?:(?:seats|licen[cs]es|users|subscriptions)\s+(?:of|for|on)\s+"
    r"(?P<product>(?:Microsoft|Office|Teams|Visio|Power|Windows|Dynamics)[\w+&\- ]{2,40}?)"
    r"(?=[.,;(]|\s+(?:from|with|for|at|in|on|by)\b|$)|"
    # "so that Shannonside will license 3,850 Microsoft 365 E3 users"
    r"(?P<product2>(?:Microsoft|Office|Teams|Visio|Power|Windows|Dynamics)[\w+&\- ]{2,40}?)\s+"
    r"(?:seats|licen[cs]es|users|subscriptions)\b)",
)
MAX_CHANGE_ONLY_WORDS = 1500
PRICE_HEADER = re.compile(r"price|term|total|units|qty|quantity|amount", re.IGNORECASE)
SUFFIX = " (as amended)"

# "1,240" but not the comma after it ("increased from 1,150 to 1,240, effective ...")
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
QUANTITY = re.compile(
    r"(?:quantity|number|(?:licen[cs]e|seat|user)\s+count)\s+(?:of|for)\s+"
    r"(?:licen[cs]es\s+(?:for|of)\s+|seats\s+(?:for|of)\s+|"
    r"users\s+(?:for|of)\s+)?(?P<product>[A-Z][\w+&\- ]*?)\s+(?:licen[cs]es\s+|seats\s+|"
    # "The number of Microsoft 365 E3 users in section 2 of the Offer is increased from ..."
    r"users\s+)?(?:(?:in|under)\s+(?:section|clause|schedule|table|paragraph)\s+[\w.]+"
    r"(?:\s+of\s+the\s+[A-Z]\w+)?\s+)?is\s+(?:hereby\s+)?(?:revised|changed|reduced|increased|amended)\s+from\s+"
    rf"(?P<a>{_NUM})\s+to\s+(?P<b>{_NUM})",
    re.IGNORECASE,
)
REVISED = re.compile(
    r"(?:(?:is|are|will\s+be|shall\s+be)\s+(?:hereby\s+)?(?:revised|changed|reduced|increased|"
    r"amended|moved|extended|shortened|brought\s+forward|postponed|lowered|raised|decreased|"
    r"adjusted|varied|modified|updated|cut)|\b(?:moves|changes|goes|falls|drops|rises|increases|"
    r"decreases|comes)(?:\s+(?:up|down))?|(?:^|[:\-–]\s)\s*(?:reduced|increased|revised|changed|extended|lowered|raised|"
    r"decreased|cut|moved))"
    r"(?:\s+by\s+[^.;]{1,60}?,?)?\s+from\s+"
    r"(?P<a>.+?)\s+to\s+(?P<b>.+?)(?=[.;]\s|[.;]?$|,?\s+(?:and|but)\s+(?:the|its|that)\b)",
    re.IGNORECASE,
)
# "Section 4", "Clause 3.2", "Paragraph 3.2", "Paragraphs 4.1 to 4.3"
SECTION_REF = (
    r"(?:Section|Clause|Article|Paragraph|Para\.?)s?\s+(?P<num>\d+[a-z]?(?:\.\d+[a-z]?)*)"
    r"(?:\s+(?:to|through|-|–)\s+(?P<last>\d+[a-z]?(?:\.\d+[a-z]?)*))?"
)
REPLACED = re.compile(
    SECTION_REF + r"(?:\s*\([^)]{0,80}\))?\s*:?[^.:]*?\b(?:is|are)\s+(?:hereby\s+)?"
    r"(?:deleted\s+(?:in\s+(?:its|their)\s+entirety\s+)?and\s+"
    r"replaced\s+(?:with|by)|amended\s+to\s+read|amended\s+as\s+(?:marked|follows|shown|set\s+out)"
    r"[^:]*?)(?:\s+the\s+following)?(?:\s+new\s+(?:paragraph|section|clause)\s+[\d.]+)?"
    r"\s*[:.\-–]?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
DELETED = re.compile(
    SECTION_REF + r"[^.:]*?\bis\s+(?:hereby\s+)?deleted(?:\s+in\s+its\s+entirety)?\s*\.?\s*$",
    re.IGNORECASE,
)
ADDED = re.compile(
    r"following\s+(?:is|shall\s+be)\s+(?:hereby\s+)?(?:added|inserted)\s+as\s+(?:a\s+)?(?:new\s+)?"
    + SECTION_REF
    + r"\s*[:.]?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# 'A new Section 4a is inserted: "..."'
NEW_SECTION = re.compile(
    r"\bnew\s+"
    + SECTION_REF
    + r"\s+(?:is|shall\s+be)\s+(?:hereby\s+)?(?:inserted|added)\b[^:\"“]{0,60}"
    r"[:.]?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# 'Section 4 (...): the first sentence is deleted and replaced with: "..."'
SENTENCE_REPLACED = re.compile(
    SECTION_REF + r"[^:]{0,80}?[:,]?\s*the\s+(?P<which>first|second|third|last)\s+sentence\s+"
    r"(?:of\s+[^.]{0,40}?)?is\s+(?:hereby\s+)?(?:deleted\s+and\s+replaced|replaced)\s+(?:with|by)"
    r"(?:\s+the\s+following)?\s*[:.]?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# 'The first sentence of section 3 of the Proposal is deleted and replaced with: "..."'
# 'The first sentence of the note to the table in section 2 is deleted and replaced with the
# following - "..."': the paragraph under the section's table
SENTENCE_OF_REPLACED = re.compile(
    r"\bthe\s+(?P<which>first|second|third|last)\s+sentence\s+of\s+"
    r"(?:the\s+(?P<note>note|notes|paragraph|text)\s+(?:to|below|under|beneath|after)\s+the\s+"
    r"table\s+in\s+)?" + SECTION_REF + r"(?:\s+of\s+the\s+[A-Z][\w-]*)?\s+is\s+(?:hereby\s+)?"
    r"(?:deleted\s+and\s+replaced|replaced)\s+(?:with|by)(?:\s+the\s+following)?\s*[:.\-–—]?\s*"
    r"(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# 'New clause, "Copilot": the approval is given on the understanding that ...'
NEW_CLAUSE = re.compile(
    r"^\s*new\s+(?:clause|paragraph|provision)\b[^:]{0,80}:\s*(?P<text>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# 'A new term is added to the Commercial terms table: "..."'
NEW_TERM = re.compile(
    r"\b(?:a|the\s+following)\s+new\s+(?:term|clause|section|paragraph|provision|row|line|condition|"
    r"note|item|footnote|bullet)\b"
    r"[^:\"“]{0,80}?\b(?:is|shall\s+be)\s+(?:hereby\s+)?(?:added|inserted)\b[^:\"“]{0,80}[:.]?\s*"
    r"(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# 'the ECIF amount of EUR 180,000 is replaced by EUR 150,000' (values, no quotes)
_AMOUNT = r"(?:(?:[A-Z]{3}|[$€£])\s?)?\d[\d,.]*(?:\s?%)?"
VALUE_REPLACEMENT = re.compile(
    rf"(?P<a>{_AMOUNT})\s+(?:(?:is|are)\s+(?:hereby\s+)?(?:replaced|substituted)\s+(?:by|with)|"
    # "The ECIF amount of USD 150,000 becomes USD 120,000."
    rf"becomes|shall\s+become|will\s+become)\s+(?P<b>{_AMOUNT})"
)
# 'The ECIF contribution ... shall be GBP 95,000 (ninety-five thousand pounds) rather than
# GBP 120,000'
# 'shall be seven per cent (7%) in place of nine per cent (9%)': a value in words with its
# figure in brackets on either side
_IN_WORDS = r"(?:[a-z][a-z\- ]{0,40}\(\s*)?"
RATHER_THAN = re.compile(
    rf"(?P<b>{_AMOUNT})\)?(?:\s*\([^)]{{0,80}}\))?\s*,?\s+(?:rather\s+than|instead\s+of|"
    rf"in\s+place\s+of|and\s+not)\s+(?:the\s+)?(?:previous\s+|original\s+|current\s+)?"
    rf"{_IN_WORDS}(?P<a>{_AMOUNT})"
)
# 'The following is added as a new paragraph: "..."' (no section number to put it under).
ADDED_PARAGRAPH = re.compile(
    # 'the following is added as a new answer under "What else should we know?": ...'
    r"following\s+(?:is|shall\s+be)\s+(?:hereby\s+)?(?:added|inserted)\b"
    r"(?:[^:\"“]|\"[^\"]{0,80}\"|“[^”]{0,80}”){0,120}?[:.]\s*"
    r"(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_QUOTED = r"[\"“”'‘’](?P<{name}>[^\"“”]+?)[\"“”'‘’]"
# 'the figure "5,200" ... is replaced by "4,800"'; 'the words "USD 180,000" are struck out and
# the words "USD 120,000" are substituted'; '"June 30, 2027" is deleted and replaced with "..."'
QUOTED_REPLACEMENT = re.compile(
    _QUOTED.format(name="a")
    + r".{0,200}?\b(?:is|are|were|was|be)\s+(?:hereby\s+)?(?:replaced\s+(?:by|with)|"
    r"(?:deleted|struck\s+out)\s+and\s+(?:replaced\s+(?:by|with)\s+)?)\s*(?:the\s+(?:words?|figures?|date|text)\s+)?"
    + _QUOTED.format(name="b"),
    re.IGNORECASE,
)
# 'In the "Copilot Deployment Offer" row, the words "180 days after the Effective Date" are
# replaced by "30 September 2027"': the quotation called the words is what is replaced
NAMED_QUOTED_REPLACEMENT = re.compile(
    r"\b(?:words?|figures?|date|text|amount|number|sum)\s+" + QUOTED_REPLACEMENT.pattern,
    re.IGNORECASE,
)


def _quoted_replacements(statement: str) -> list[re.Match[str]]:
    return list(NAMED_QUOTED_REPLACEMENT.finditer(statement)) or list(
        QUOTED_REPLACEMENT.finditer(statement)
    )


CLOSING = re.compile(
    r"all\s+other\s+terms|in\s+witness\s+whereof|^\s*(?:signature|signed\s+by)\b", re.IGNORECASE
)
# 'the ECIF contribution is reduced to GBP 95,000', 'the claim date is extended to 31 March
# 2028', 'the discount is lowered to 7%': the new value only; the old one is the base's own value
# for the term the sentence names
# "one hundred and twenty thousand": an "and" inside a number written in words
_WORD_NUMBER = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty)\b"
)
SET_TO = re.compile(
    r"\b(?:is|are|shall\s+be|will\s+be|be)\s+(?:hereby\s+)?(?:reduced|increased|extended|moved|"
    r"changed|amended|revised|brought\s+forward|lowered|raised|decreased|adjusted|set|postponed|"
    r"shortened|cut)(?:\s+by\s+[^.;,]{1,40},?)?\s+to\s+(?P<b>[^.;(]+?)(?=[.;]\s|[.;]?$|,\s|"
    r"\s+\((?P<paren>[^)]{1,30})\)|\s+\(|"
    rf"\s+(?:and(?!\s+{_WORD_NUMBER})|but|with|for)\s)",
    re.IGNORECASE,
)
# 'Microsoft 365 E3: 2,350 seats (previously 2,600)'; 'ECIF: GBP 120,000 -> GBP 95,000'
PREVIOUSLY = re.compile(
    rf"(?P<b>{_AMOUNT})(?:\s+(?:seats|licen[cs]es|users))?\s*\((?:previously|formerly|was|"
    rf"originally|down from|up from|reduced from|increased from)\s+(?P<a>{_AMOUNT})",
    re.IGNORECASE,
)
ARROW = re.compile(rf"(?P<a>{_AMOUNT})\s*(?:→|->|=>|⇒)\s*(?P<b>{_AMOUNT})")
# 'The E3 quantity is reduced from 2,600 to 2,350 and the ECIF contribution from GBP 120,000 to
# GBP 95,000': later changes in the same sentence drop the verb
_DATE_LOOSE = (
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+"
    r"\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}"
)
FROM_TO = re.compile(
    rf"\bfrom\s+(?P<a>{_DATE_LOOSE}|{_AMOUNT})\s+to\s+(?P<b>{_DATE_LOOSE}|{_AMOUNT})(?![\d,])"
)
# 'Section 4 is amended by replacing "11% off the list price" with "9% off the list price"'
REPLACING = re.compile(
    r"\breplacing\s+" + _QUOTED.format(name="a") + r"\s+(?:with|by)\s+" + _QUOTED.format(name="b"),
    re.IGNORECASE,
)
# 'ECIF must be claimed by December 31st, 2027 instead of by the first anniversary of ...';
# 'the period for delivery and claim, previously 270 days from the Effective Date, now ends on
# 31 August 2027'
NEW_DEADLINE = re.compile(
    rf"\b(?:by|on|until|before)\s+(?P<b>{_DATE_LOOSE})\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)"
    r"\s+(?:by\s+|on\s+|until\s+|before\s+)?(?P<a>[^.;]+)"
    r"|\bpreviously\s+(?P<a2>[^,;]+?),\s+(?:now|will\s+now|shall\s+now)\s+(?:ends?|expires?|runs?\s+"
    rf"until|closes?|is)\s+(?:on\s+)?(?P<b2>{_DATE_LOOSE})",
    re.IGNORECASE,
)
# 'The eight per cent (8%) Year 1 reduction ... is withdrawn and replaced by a reduction of six
# per cent (6%) ... in each of the three years'
TERM_REPLACED = re.compile(
    r"^(?:\s*\d+(?:\.\d+)*\.?\s+)?(?P<a>.+?)\s+(?:is|are)\s+(?:hereby\s+)?(?:withdrawn|deleted|"
    r"removed|cancelled)\s+and\s+replaced\s+(?:by|with)\s+(?P<b>.+?)\.?$",
    re.IGNORECASE | re.DOTALL,
)
# 'The paragraph headed "Price concession" is deleted in its entirety and replaced with the
# following:' -- a part of the base named by its heading rather than a number
TITLED_REPLACED = re.compile(
    # "On the page headed ..., the ECIF claim deadline ... is replaced by": a value on that part
    r"(?<!\bon the )(?<!\bin the )"
    r"\b(?:(?:paragraph|section|clause|part|passage|page|slide|schedule|annex|appendix|table)\s+"
    r"(?:of\s+the\s+[A-Z][\w-]*\s+)?(?:headed|titled|entitled|called|named)|"
    # 'the answer to "When must the funding be used?" is deleted and replaced with: "..."'
    r"answer\s+(?:to|under))\s+"
    r"[\"“'‘](?P<title>[^\"”’]+)[\"”'’][^.:]*?\b(?:is|are)\s+(?:hereby\s+)?"
    r"(?:deleted\s+(?:in\s+its\s+entirety\s+)?and\s+replaced\s+(?:with|by)|amended\s+to\s+read|"
    r"replaced\s+(?:with|by))(?:\s+the\s+following)?\s*[:.\-–]?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "Schedule 1 (Commercial Schedule) of the Proposal is deleted in its entirety and replaced by the
# Restated Schedule 1 set out below.": the amendment carries the whole schedule under its own
# heading, often after clauses of its own
SCHEDULE_RESTATED = re.compile(
    r"\b(?P<name>(?:Schedule|Annex|Appendix|Exhibit|Attachment)\s+(?:\d+|[A-Z])\b)[^.]*?"
    r"\b(?:is|are)\s+(?:hereby\s+)?(?:deleted\s+(?:in\s+its\s+entirety\s+)?and\s+)?"
    r"(?:replaced|superseded)\s+(?:by|with)\s+(?:the\s+|a\s+)?"
    r"(?:restated|amended|revised|updated|new|replacement)\b[^.]*?"
    r"\b(?:set\s+out\s+below|below|attached|annexed|hereto|to\s+this\s+amendment)\b",
    re.IGNORECASE,
)
# 'The first paragraph of Section 2.3 is amended as shown in the tracked change below:' and the
# paragraph as it now reads
PARAGRAPH_AMENDED = re.compile(
    r"\b(?:the\s+)?(?:first|second|third|fourth|last)\s+paragraph\s+of\s+"
    + SECTION_REF
    + r"[^.:]*?\b(?:is|shall\s+be)\s+(?:hereby\s+)?(?:amended|deleted\s+and\s+replaced|replaced|"
    r"revised)\b[^:]*:\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# 'The paragraph of Section 1 that begins "Microsoft 365 E3 is priced at" is deleted and
# replaced with the following: "..."'
PARAGRAPH_BEGINNING = re.compile(
    r"\bparagraph\b[^\"“:]{0,60}?\b(?:that|which)\s+(?:begins|starts|opens)\s+(?:with\s+)?"
    r"[\"“](?P<begin>[^\"”]+)[\"”][^:\"“]*?\b(?:is|shall\s+be)\s+(?:hereby\s+)?(?:deleted\s+and\s+"
    r"replaced|replaced|amended\s+to\s+read)(?:\s+(?:with|by))?(?:\s+the\s+following)?\s*[:.]?\s*"
    r"(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# 'The Azure credits of EUR 40,000 for the proof of concept are withdrawn': the named program
# leaves the deal
PROGRAM_WITHDRAWN = re.compile(
    r"\b(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?(?:withdrawn|cancelled|canceled|removed|"
    r"deleted|no\s+longer\s+(?:offered|provided|available|part\s+of))\b(?!\s+and\s+replaced)",
    re.IGNORECASE,
)
# Every statement the applier understands is also what marks a block as a statement, so the
# two can never drift apart; CHANGE_PHRASES adds the boilerplate that carries no change.
STATEMENTS = (
    PARAGRAPH_BEGINNING,
    PARAGRAPH_AMENDED,
    TITLED_REPLACED,
    PROGRAM_WITHDRAWN,
    SENTENCE_REPLACED,
    SENTENCE_OF_REPLACED,
    NEW_SECTION,
    REPLACED,
    DELETED,
    ADDED,
    NEW_TERM,
    VALUE_REPLACEMENT,
    RATHER_THAN,
    NEW_CLAUSE,
    AMOUNT_BY,
    READ_AS,
    DELETE_INSERT,
    NOW_READS,
    ROW_COUNT_REPLACED,
    LABELLED_ROW_WITHDRAWN,
    ROW_WITHDRAWN,
    QUANTITY_TOTAL,
    QUOTED_REPLACEMENT,
    QUANTITY,
    REVISED,
    SET_TO,
    PREVIOUSLY,
    ARROW,
    REPLACING,
    NEW_DEADLINE,
    TERM_REPLACED,
)


def is_statement(text: str) -> bool:
    return (
        bool(CHANGE_PHRASES.search(text))
        or any(p.search(text) for p in STATEMENTS)
        or bool(BRACKETED.search(text))
    )


# "It contains the version history and only the sections that changed since version 1.0.
# Sections not reproduced below remain exactly as written in version 1.0"
SECTIONS_RESTATED = re.compile(
    r"\b(?:only\s+the\s+(?:sections|clauses|parts)\s+that\s+(?:have\s+)?changed|"
    r"changed\s+sections\s+only|(?:sections|clauses|parts)\s+not\s+(?:reproduced|restated|"
    r"repeated|shown)\s+(?:below|here|in\s+this\s+document)\s+(?:remain|are\s+unchanged|stay))\b",
    re.IGNORECASE,
)
# "Rows of the Term Sheet that are not shown here are unchanged and continue to apply": each
# "Term: Detail" line below restates one row of the base's table
ROWS_RESTATED = re.compile(
    r"\b(?:rows|terms|lines|items|fields)\s+(?:of\s+(?:the\s+)?[\w ]{1,40}?\s+)?"
    r"(?:that\s+(?:are|were)\s+)?"
    r"not\s+(?:shown|reproduced|restated|repeated|listed)\s+(?:below|here|above|in\s+this\s+"
    r"(?:amendment|document|letter))\s+(?:are|remain|stay)\b",
    re.IGNORECASE,
)
_RESTATED_ROW = re.compile(r"^(?P<field>[A-Z][^:()\n]{1,60}):\s+(?P<value>\S.*)$")
_SECTION_HEADING = re.compile(r"^\s*(?:section\s+|clause\s+)?(?P<num>\d+(?:\.\d+)*)[.):]?\s+\S")


def is_change_only(document: Document) -> bool:
    """A short document stating changes to another agreement, with no price table of its own.

    An amendment that restates the revised lines "for reference" still only states changes:
    several change statements and the words of an amendment outweigh one table. So does one
    that says it reproduces only the sections that changed, and one that records its changes
    as unified-diff markup ("- " deleted and "+ " inserted lines under "@@ Section 3 @@").
    """
    if _diff_revisions(document) and len(document.text.split()) <= MAX_CHANGE_ONLY_WORDS:
        return True
    if SECTIONS_RESTATED.search(document.text[:3000]) and _restated_sections(document):
        return True
    if ROWS_RESTATED.search(document.text[:3000]) and _restated_rows(document):
        return True
    if not any(is_statement(block.text) or _change_rows(block) for block in document.blocks):
        return False  # a change order may be nothing but a "Field | From | To" table
    if len(document.text.split()) > MAX_CHANGE_ONLY_WORDS:
        return False
    if not any(_is_price_table(block) for block in document.blocks):
        return True
    statements = sum(1 for b in document.blocks if is_statement(b.text))
    return statements >= 2 and bool(_AMENDS.search(document.text[:2000]))


_AMENDS = re.compile(
    r"\b(this\s+(?:[a-z]+\s+)?amendment|amendment no\.?|hereby amended|amends|modifies|varies|is "
    r"(?:hereby\s+)?varied)\b",
    re.IGNORECASE,
)


def _is_price_table(block: Block) -> bool:
    """A table of products with prices or terms: the structure of an offer, not of a change."""
    if block.kind != "table" or len(block.rows) < 2:
        return False
    return bool(PRICE_HEADER.search(" ".join(block.rows[0])))


@dataclasses.dataclass(slots=True)
class _Working:
    """A base document being edited: blocks as a mutable list, renamed once touched."""

    document: Document
    blocks: list[Block]
    changed: bool = False


def _section_range(blocks: Sequence[Block], number: str) -> tuple[int, int] | None:
    """Block positions of section ``number``: its heading up to the next heading at its depth."""
    pattern = re.compile(
        rf"^\s*(?:section\s+|clause\s+|article\s+)?{re.escape(number)}(?:[.):]|\s)", re.IGNORECASE
    )
    for i, block in enumerate(blocks):
        if pattern.match(block.text):
            if block.kind != "heading":
                return i, i + 1
            depth = number.count(".")
            end = i + 1
            next_number = re.compile(
                r"^\s*(?:section\s+|clause\s+|article\s+)?(\d+(?:\.\d+)*)[.):\s]", re.IGNORECASE
            )
            while end < len(blocks):
                nxt = blocks[end]
                m = next_number.match(nxt.text)
                if nxt.kind == "heading" and (
                    nxt.level is not None and block.level is not None and nxt.level <= block.level
                ):
                    break
                if m and not m.group(1).startswith(number + ".") and m.group(1).count(".") <= depth:
                    break
                end += 1
            return i, end
    return None


def _replace_number(text: str, old: str, new: str) -> str:
    """Replace a number however the base wrote it (4,000 / 4000 / 4.000)."""
    digits = re.sub(r"\D", "", old)
    variants = {old, digits, f"{int(digits):,}" if digits else old}
    for variant in sorted(variants, key=len, reverse=True):
        if variant and re.search(rf"(?<![\d,.]){re.escape(variant)}(?![\d])", text):
            return re.sub(rf"(?<![\d,.]){re.escape(variant)}(?![\d])", new, text)
    return text


def _rebuild(block: Block, text: str, rows: tuple[tuple[str, ...], ...]) -> Block:
    return dataclasses.replace(block, text=text, rows=rows)


def _apply_quantity(docs: list[_Working], product: str, old: str, new: str) -> bool:
    applied = False
    key = product.strip().lower()
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind == "table":
                rows = tuple(
                    tuple(_replace_number(c, old, new) for c in row)
                    if key in " ".join(row).lower()
                    else row
                    for row in block.rows
                )
                if rows != block.rows:
                    work.blocks[i] = _table_block(block, list(rows))
                    work.changed = applied = True
            elif key in block.text.lower():
                text = _replace_number(block.text, old, new)
                if text != block.text:
                    work.blocks[i] = dataclasses.replace(block, text=text)
                    work.changed = applied = True
    return applied


def _whole_dates(text: str, a: tuple[int, int], b: tuple[int, int]) -> tuple[str, str]:
    """ "the claim deadline of 31 March 2028 is replaced by 31 December 2027": the values are
    the dates the two numbers belong to, not the year and the day."""
    dates = find_dates(text)

    def widen(span: tuple[int, int]) -> str:
        whole = next((d for d in dates if d.start <= span[0] and span[1] <= d.end), None)
        return text[whole.start : whole.end] if whole else text[span[0] : span[1]]

    return widen(a), widen(b)


def _written(docs: list[_Working], value: str) -> bool:
    """Whether the base still states ``value`` (as written, or as the same amount)."""
    money = _single_money(value)
    for work in docs:
        for block in work.blocks:
            if value in block.text:
                return True
            if money is not None and any(
                f.value == money for f in find_money(block.text) if f.label != "cap"
            ):
                return True
    return False


def _quoted_at(text: str, position: int) -> bool:
    """Inside a quotation: an odd number of quotation marks before ``position``."""
    before = text[:position]
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def _apply_revised(docs: list[_Working], old: str, new: str) -> bool:
    old = old.strip().strip("\"'“”").rstrip(".,;")
    new = new.strip().strip("\"'“”").rstrip(".,;")
    if _apply_money(docs, old, new):
        return True
    # "9%" where the base wrote "nine per cent (9%)": the words change with the figure
    percents = re.fullmatch(rf"{_NUM}\s?%", old) and re.fullmatch(rf"{_NUM}\s?%", new)
    if percents and _apply_percent(docs, old, new):
        return True
    if not any(old and old in b.text for work in docs for b in work.blocks):
        if len(old) > 40 and _replace_wording(docs, old, new):
            return True  # a clause quoted from a PDF whose lines break where the quote's do not
        # "June 30, 2027" in the amendment where the base wrote "06/30/2027": change the date.
        if _apply_date(docs, old, new):
            return True
        # "seven per cent (7%)" where the base wrote "7%": change the percent.
        if _apply_percent(docs, old, new):
            return True
        # "USD 250,000" in the amendment where the base wrote "$250,000": change the number.
        old_numbers, new_numbers = re.findall(_NUM, old), re.findall(_NUM, new)
        if len(old_numbers) == 1 and len(new_numbers) == 1:
            return _apply_number(docs, old_numbers[0], new_numbers[0])
    applied = False
    for work in docs:
        for i, block in enumerate(work.blocks):
            if old and old in block.text:
                rows = tuple(tuple(c.replace(old, new) for c in row) for row in block.rows)
                work.blocks[i] = _rebuild(block, block.text.replace(old, new), rows)
                work.changed = applied = True
    return applied


def _replace_wording(docs: list[_Working], old: str, new: str) -> bool:
    """Replace a quoted clause wherever the base wrote it, whatever the spacing and quotes."""
    words = [re.escape(w) for w in re.findall(r"\w+|[^\w\s]", old)]
    pattern = re.compile(r"\s*".join(words).replace("\\'", "['’]"))
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind != "table" and pattern.search(block.text):
                text = pattern.sub(lambda _: new, block.text, count=1)
                work.blocks[i] = dataclasses.replace(block, text=text)
                work.changed = True
                return True
    return False


def _is_value(text: str) -> bool:
    """A figure, amount or date in quotes rather than a clause's wording or a heading."""
    return bool(re.search(r"\d", text)) and len(text) <= 40


_COUNT = re.compile(rf"\s*({_NUM})(?:\s+(?:seats|licen[cs]es|users|subscriptions))?\s*")


def _apply_value(docs: list[_Working], lead: str, old: str, new: str) -> bool:
    """A count changed in a statement that names a product ("Microsoft 365 E5: reduced from
    1,250 to 1,100 users") changes that product's count only; any other value changes wherever
    the base wrote it."""
    subject = _subject(lead)
    before, after = _COUNT.fullmatch(old.strip("\"'“”")), _COUNT.fullmatch(new.strip("\"'“”"))
    if (
        subject
        and subject[0] == "product"
        and before
        and after
        and any(_apply_quantity(docs, a, before.group(1), after.group(1)) for a in subject[2])
    ):
        return True
    return _apply_revised(docs, old, new)


def _single_money(text: str) -> Money | None:
    found = find_money(text)
    if len(found) != 1 or found[0].end - found[0].start < len(text.strip()) - 2:
        return None  # the text is one amount, not a sentence with one in it
    value = found[0].value
    return value if isinstance(value, Money) else None


def _apply_money(docs: list[_Working], old: str, new: str) -> bool:
    """ "GBP 120,000" replaced by "GBP 95,000" where the base wrote "one hundred and twenty
    thousand pounds (GBP 120,000)": every way the base wrote the old amount changes."""
    before, after = _single_money(old), _single_money(new)
    if before is None or after is None:
        return False
    old_digits, new_digits = re.findall(_NUM, old), re.findall(_NUM, new)

    def rewrite(span: str) -> str:
        """Keep the base's own style ("USD 250,000" stays "USD 150,000"); words become the
        amendment's figure."""
        scaled = re.search(r"\d\s?(?:k|m|bn|million|thousand)\b", span, re.IGNORECASE)
        if old_digits and new_digits and re.search(r"\d", span) and not scaled:
            changed = _replace_number(span, old_digits[0], new_digits[0])
            if changed != span:
                return changed
        return new

    return _replace_written(
        docs,
        lambda text: [
            text[f.start : f.end]
            for f in find_money(text)
            if isinstance(f.value, Money) and f.value.amount == before.amount
        ],
        rewrite,
    )


def _leading_value(old: str, new: str) -> str:
    """'from 2,600 to 2,350, reflecting the transfer of ...': the new value ends at the remark."""
    dates = find_dates(new)
    if dates and dates[0].start == 0:  # "March 31, 2027" keeps its comma
        return new[: dates[0].end]
    digits = re.match(r"^[a-z\s-]+\((\d[\d,]*)\)", new)
    if digits:  # "two thousand nine hundred and fifty (2,950)"
        return digits.group(1)
    if not find_dates(old):
        words = find_percents(new)
        if words and words[0].start == 0:  # "five per cent (5%)"
            return new[: words[0].end]
        value = re.match(rf"{_AMOUNT}(?:\s+(?:per cent|percent))?", new)
        if value and re.match(_AMOUNT, old.strip()):
            return value.group(0).strip().rstrip(",.")  # "700 users to cover ..." -> "700"
    return re.split(r",\s|;\s|\s\(|\s-\s", new, maxsplit=1)[0].strip()


def _apply_percent(docs: list[_Working], old: str, new: str) -> bool:
    before, after = find_percents(old), find_percents(new)
    if not before or not after or {f.value for f in before} != {before[0].value}:
        return False
    return _replace_written(
        docs,
        lambda text: [
            text[f.start : f.end]
            for f in find_percents(text)
            if f.value == before[0].value and f.label in ("discount", None)
        ],
        f"{after[0].value:g}%",
    )


def _single_date(text: str) -> dt.date | None:
    found = [f for f in find_dates(text) if getattr(f.value, "date", None) is not None]
    return found[0].value.date if len(found) == 1 else None  # type: ignore[union-attr]


def _apply_date(docs: list[_Working], old: str, new: str) -> bool:
    before, after = _single_date(old), _single_date(new)
    if before is None or after is None:
        return False
    return _replace_written(
        docs,
        lambda text: [
            text[f.start : f.end]
            for f in find_dates(text)
            if getattr(f.value, "date", None) == before
        ],
        new,
    )


def _replace_written(
    docs: list[_Working],
    written: Callable[[str], list[str]],
    new: str | Callable[[str], str],
) -> bool:
    """Replace, in every block and table cell, the ways the base wrote one value (``written``
    finds them in a text: "06/30/2027" for June 30, 2027, "seven per cent" for 7%) with the new
    text, or with what ``new`` makes of each of them."""
    applied = False
    for work in docs:
        for i, block in enumerate(work.blocks):
            spans = written(block.text)
            if not spans:
                continue
            edits = {span: new(span) if callable(new) else new for span in spans}
            text = _replace_all(block.text, edits)
            rows = tuple(tuple(_replace_all(c, edits) for c in row) for row in block.rows)
            work.blocks[i] = _rebuild(block, text, rows)
            work.changed = applied = True
    return applied


def _replace_all(text: str, edits: Mapping[str, str]) -> str:
    for old, new in edits.items():
        text = text.replace(old, new)
    return text


def _apply_number(docs: list[_Working], old: str, new: str) -> bool:
    applied = False
    for work in docs:
        for i, block in enumerate(work.blocks):
            text = _replace_number(block.text, old, new)
            if text != block.text:
                rows = tuple(tuple(_replace_number(c, old, new) for c in row) for row in block.rows)
                work.blocks[i] = _rebuild(block, text, rows)
                work.changed = applied = True
    return applied


def _quoted_text(text: str) -> str:
    """The replacement wording: what stands between the quotes, without trailing remarks."""
    m = re.search(r"[\"“](?P<t>[^\"”]+)[\"”]", text)
    return (m.group("t") if m else text).strip()


_ORDINAL = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}


def _replace_sentence(
    docs: list[_Working], number: str, which: str, text: str, *, below_table: bool = False
) -> bool:
    """The sentence of the section's first paragraph (or of the first one under its table, for
    "the note to the table in section 2") is replaced; a table has no sentences."""
    from ..nlp import sentence_spans

    for work in docs:
        found = _section_range(work.blocks, number)
        if found is None:
            continue
        start, end = found
        if below_table:
            tables = [i for i in range(start, end) if work.blocks[i].kind == "table"]
            start = tables[0] + 1 if tables else start
        for i in range(start, end):
            block = work.blocks[i]
            if block.kind in ("heading", "table") or not block.text.strip():
                continue
            spans = sentence_spans(block.text)
            if not spans:
                continue
            s0, s1 = spans[_ORDINAL[which.lower()]]
            new_text = block.text[:s0] + text + " " + block.text[s1:].lstrip()
            work.blocks[i] = dataclasses.replace(block, text=new_text.strip())
            work.changed = True
            return True
    return False


# "Section 1, paragraph below the table, is deleted and replaced with": one paragraph, not the
# whole section (which holds the licence table).
_SUBPART = re.compile(
    r"\b(?:(?P<nth>first|second|third|fourth|last)\s+paragraph|paragraph\s+(?:below|after|"
    r"following|under)\s+the\s+table|(?P<row>first|second|third|last)\s+row)\b",
    re.IGNORECASE,
)


def _replace_paragraph(docs: list[_Working], number: str, part: re.Match[str], text: str) -> bool:
    for work in docs:
        found = _section_range(work.blocks, number)
        if found is None:
            continue
        start, end = found
        indices = list(range(start, end))
        if part.group("row"):
            return False  # a table row is replaced by its values, stated elsewhere
        if part.group("nth"):
            paragraphs = [i for i in indices if work.blocks[i].kind == "paragraph"]
            which = _ORDINAL[part.group("nth").lower()]
            targets = paragraphs[which : which + 1] if which >= 0 else paragraphs[-1:]
        else:
            tables = [i for i in indices if work.blocks[i].kind == "table"]
            targets = [
                i
                for i in indices
                if tables and i > tables[0] and work.blocks[i].kind == "paragraph"
            ][:1]
        if not targets:
            return False
        work.blocks[targets[0]] = dataclasses.replace(work.blocks[targets[0]], text=text)
        work.changed = True
        return True
    return False


def _apply_by(docs: list[_Working], verb: str, delta: str, new: str) -> bool:
    """The base figure is the new one plus or minus the stated difference."""
    change = float(re.sub(r"[^\d.]", "", delta) or 0)
    after = float(re.sub(r"[^\d.]", "", new) or 0)
    before = (
        after + change if verb.lower() in ("reduced", "decreased", "lowered") else after - change
    )
    if before <= 0:
        return False
    return _apply_number(docs, f"{before:,.0f}", f"{after:,.0f}")


def _table_block(block: Block, rows: list[tuple[str, ...]]) -> Block:
    return _rebuild(block, "\n".join(" | ".join(r) for r in rows), tuple(rows))


def _apply_in_row(docs: list[_Working], label: str, old: str, new: str) -> bool:
    """Change ``old`` to ``new`` in the one table row the label names ("Microsoft 365 E5 / Ramp
    Year 2": a row whose cells hold each part)."""
    parts = [p.strip().lower() for p in label.split("/") if p.strip()]
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind != "table":
                continue
            for r, row in enumerate(block.rows):
                cells = [c.strip().lower() for c in row]
                if all(any(part in c for c in cells) for part in parts) and any(
                    old in c for c in row
                ):
                    rows = list(block.rows)
                    rows[r] = tuple(c.replace(old, new) for c in row)
                    work.blocks[i] = _table_block(block, rows)
                    work.changed = True
                    return True
    return False


def _apply_bracketed(docs: list[_Working], statement: str) -> bool:
    """Apply "[deleted: ...] [inserted: ...]" markup. A quoted passage with markup inside is
    replaced whole, as it reads before and after; a figure in a named row changes in that row
    (or, for a product's row, that product's count); any other figure changes where the base
    wrote it."""
    applied = True
    for quote in re.finditer(
        r"[\"“](?P<q>[^\"”]*\[(?:deleted|delete|removed|struck)[^\"”]*)[\"”]", statement
    ):
        passage = quote.group("q")
        before = BRACKETED.sub(lambda m: m.group("a"), passage).strip().rstrip(".")
        after = BRACKETED.sub(lambda m: m.group("b"), passage).strip().rstrip(".")
        applied = _apply_revised(docs, before, after) and applied
    quoted = [q.span() for q in re.finditer(r"[\"“][^\"”]*[\"”]", statement)]
    for pair in BRACKETED.finditer(statement):
        if any(a <= pair.start() < b for a, b in quoted):
            continue
        old, new = pair.group("a").strip(), pair.group("b").strip()
        lead = statement[: pair.start()]
        row = next(reversed(list(_NAMED_ROW.finditer(lead))), None)  # the row named last
        if (
            row is not None
            and "/" in row.group("label")
            and _apply_in_row(docs, row.group("label"), old, new)
        ):
            continue
        applied = _apply_value(docs, lead, old, new) and applied
    return applied


def _apply_now_reads(docs: list[_Working], lead: str, old: str, new: str) -> bool:
    """ "now reads 12% off the step-up price, net GBP 17.95 (was 15%, net GBP 17.34)": a date
    changes whole; several values change pairwise by kind; a count changes for the product the
    line names."""
    old, new = old.strip().rstrip(".,;"), new.strip().rstrip(".,;")
    if _is_date_cell(old) and _is_date_cell(new):
        return _apply_revised(docs, old, new)
    pairs: list[tuple[str, str]] = []
    for finder in (find_percents, find_money):
        before = [old[f.start : f.end] for f in finder(old)]
        after = [new[f.start : f.end] for f in finder(new)]
        if before and len(before) == len(after):
            pairs += [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    if pairs:
        return all(_apply_revised(docs, a, b) for a, b in pairs)
    return _apply_value(docs, lead, old, new)


def _remove_row(docs: list[_Working], ref: str) -> bool:
    """Drop the table row whose reference cell is ``ref`` ("F2", "3")."""
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind != "table":
                continue
            rows = [r for r in block.rows if not (r and r[0].strip().lower() == ref.lower())]
            if len(rows) < len(block.rows):
                work.blocks[i] = _table_block(block, rows)
                work.changed = True
                return True
    return False


def _remove_note(docs: list[_Working], number: int) -> bool:
    """Drop the n-th list item under a "Notes" heading."""
    for work in docs:
        under_notes = False
        count = 0
        for i, block in enumerate(work.blocks):
            if block.kind == "heading":
                under_notes = "note" in block.text.lower()
                count = 0
                continue
            if under_notes and block.kind == "list_item":
                count += 1
                if count == number:
                    del work.blocks[i]
                    work.changed = True
                    return True
    return False


def _set_quantity(docs: list[_Working], product: str, new: str) -> bool:
    """A product's licence count becomes ``new``: the first whole number after the product's
    name in its table row (the quantity column comes before the prices)."""
    key = product.lower()
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind != "table":
                continue
            rows = list(block.rows)
            for r, row in enumerate(rows):
                named = [c for c, cell in enumerate(row) if key in cell.lower()]
                if not named:
                    continue
                for c in range(named[0] + 1, len(row)):
                    if re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", row[c].strip()):
                        rows[r] = (*row[:c], new, *row[c + 1 :])
                        work.blocks[i] = _table_block(block, rows)
                        work.changed = True
                        return True
    return False


def _subject(text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """The program or product a statement names last before its verb: (kind, the alias used,
    every alias of the term, so "the ECIF funds" finds the base's "ECIF of GBP 120,000")."""
    from ..nlp import vocabulary

    lowered = text.lower()
    best: tuple[int, str, str, tuple[str, ...]] | None = None
    for kind, terms in (("program", vocabulary.programs()), ("product", vocabulary.products())):
        for term in terms:
            for alias in term.aliases:
                at = lowered.rfind(alias.lower())
                if at >= 0 and (best is None or at + len(alias) > best[0]):
                    best = (at + len(alias), kind, alias, term.aliases)
    return (best[1], best[2], best[3]) if best else None


def _first_program(text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """The program a statement is about: the first one it names ("The Azure credits ... for the
    Azure Virtual Desktop proof of concept are withdrawn")."""
    from ..nlp import vocabulary

    lowered = text.lower()
    best: tuple[int, str, tuple[str, ...]] | None = None
    for term in vocabulary.programs():
        for alias in term.aliases:
            at = lowered.find(alias.lower())
            if at >= 0 and (best is None or at < best[0]):
                best = (at, alias, term.aliases)
    return ("program", best[1], best[2]) if best else None


def _stated_value(m: re.Match[str]) -> str:
    """ "lowered to one thousand and fifty (1,050)": the figure in brackets states the value."""
    figure = m.group("paren")
    if figure and re.fullmatch(rf"\s*(?:[A-Z]{{3}}\s?|[$€£])?{_NUM}\s?%?\s*", figure):
        return figure.strip()
    return m.group("b")


def _labelled_rows(
    docs: list[_Working], label: str
) -> Iterator[tuple[_Working, int, int, tuple[str, ...]]]:
    """(document, block position, row position, row) of each table row labelled ``label``."""
    key = label.strip().lower()
    for work in docs:
        for i, block in enumerate(work.blocks):
            for r, row in enumerate(block.rows if block.kind == "table" else ()):
                if row and row[0].strip().lower() == key:
                    yield work, i, r, row


def _row_value(docs: list[_Working], label: str, new: str) -> bool:
    """The one amount in the table row labelled ``label`` becomes ``new``."""
    for _, _, _, row in _labelled_rows(docs, label):
        amounts = [c.strip() for c in row if _single_money(c.strip()) is not None]
        if len(amounts) == 1:
            return _apply_revised(docs, amounts[0], new)
    return False


def _apply_set(docs: list[_Working], subject_text: str, new: str) -> bool:
    """Set the named term's value of the new value's kind, where the base states exactly one."""
    new = new.strip().rstrip(".,;")
    row = _LABELLED_ROW.search(subject_text)
    if (
        row
        and _single_money(new) is not None
        and _row_value(docs, row.group("label") or row.group("label2"), new)
    ):
        return True
    subject = _subject(subject_text)
    percents = find_percents(new)
    if percents and percents[0].start == 0:
        old = {
            f.value
            for work in docs
            for b in work.blocks
            for f in find_percents(b.text)
            if f.label == "discount"
        }
        return len(old) == 1 and _apply_percent(docs, f"{old.pop():g}%", new)
    if subject is None:
        return False
    named = _texts_naming(docs, subject)
    if _single_date(new) is not None:
        return _set_written_date(docs, named, new)
    if _single_money(new) is not None:
        amounts = {
            f.value.amount: b[f.start : f.end]
            for b in named
            for f in find_money(b)
            if isinstance(f.value, Money) and f.label != "cap"  # a liability cap is no value
        }
        return len(amounts) == 1 and _apply_money(docs, next(iter(amounts.values())), new)
    count = re.match(rf"({_NUM})(?:\s+(?:seats|licen[cs]es|users|subscriptions))?$", new)
    if count and subject[0] == "product":
        return any(_set_quantity(docs, alias, count.group(1)) for alias in subject[2])
    return False


def _apply_new_deadline(docs: list[_Working], statement: str, m: re.Match[str]) -> bool:
    """The old deadline as the base wrote it is replaced where it can be found; otherwise the
    named term's one deadline in the base (relative or written out) becomes the new date."""
    old = (m.group("a") or m.group("a2") or "").strip()
    new = (m.group("b") or m.group("b2") or "").strip()
    if old and any(old in b.text for work in docs for b in work.blocks):
        return _apply_revised(docs, old, new)
    return _set_deadline(docs, statement[: m.start()], new)


def _texts_naming(
    docs: list[_Working], subject: tuple[str, str, tuple[str, ...]] | None
) -> list[str]:
    """The base's block texts that name the subject by any of its aliases; all of them when
    the statement names no program or product."""
    keys = [alias.lower() for alias in subject[2]] if subject else []
    return [
        b.text
        for work in docs
        for b in work.blocks
        if not keys or any(k in b.text.lower() for k in keys)
    ]


def _set_written_date(docs: list[_Working], texts: list[str], new: str) -> bool:
    """The one written-out date among ``texts`` becomes ``new``; nothing when there are more."""
    dates = {
        f.value.date: b[f.start : f.end]
        for b in texts
        for f in find_dates(b)
        if isinstance(f.value, DateValue) and f.value.date is not None
    }
    return len(dates) == 1 and _apply_date(docs, next(iter(dates.values())), new)


def _set_deadline(docs: list[_Working], subject_text: str, new: str) -> bool:
    blocks = _texts_naming(docs, _subject(subject_text))
    relative = {b[f.start : f.end] for b in blocks for f in find_relative_dates(b)}
    relative = {r for r in relative if not any(r != o and r in o for o in relative)}
    if len(relative) == 1:
        span = relative.pop()
        lead = (
            "by "
            if re.match(r"(?i)(within|no later than|not later than|by|before)\b", span)
            else ""
        )
        return _apply_revised(docs, span, lead + new)
    return _set_written_date(docs, blocks, new)


def _replace_term(docs: list[_Working], old: str, new: str) -> bool:
    """A term withdrawn and replaced by another: the base sentence that states the old percent
    becomes the new term, so its rate and its stretch of the term change together."""
    before = {f.value for f in find_percents(old)}
    if len(before) != 1:
        return False
    rate = before.pop()
    from ..nlp import sentence_spans

    text = new.strip().rstrip(".")
    sentence = text[0].upper() + text[1:] + "."
    applied = False
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind == "table":
                continue
            spans = [
                (a, b)
                for a, b in sentence_spans(block.text)
                if any(f.value == rate for f in find_percents(block.text[a:b]))
            ]
            if not spans:
                continue
            a, b = spans[0]
            rebuilt = block.text[:a] + sentence + block.text[b:]
            work.blocks[i] = _rebuild(block, rebuilt, block.rows)
            work.changed = applied = True
            break
    if applied:
        _apply_percent(docs, f"{rate:g}%", sentence)  # the same rate in a price table
    return applied


def _append_paragraphs(docs: list[_Working], blocks: list[Block]) -> bool:
    if not docs or not blocks:
        return False
    docs[0].blocks.extend(blocks)
    docs[0].changed = True
    return True


def _new_blocks(texts: Sequence[str], page: int | None) -> list[Block]:
    """Replacement text as blocks: a restated table (" | " between cells, a row per line)
    stays a table, so its rows are read as licence lines again."""
    blocks = []
    for t in texts:
        text = t.strip().strip('"“”').strip()
        if not text:
            continue
        lines = text.split("\n")
        if len(lines) >= 2 and all(" | " in line for line in lines):
            rows = tuple(tuple(c.strip() for c in line.split(" | ")) for line in lines)
            blocks.append(Block(kind="table", text=text, index=0, page=page, rows=rows))
        else:
            blocks.append(Block(kind="paragraph", text=text, index=0, page=page))
    return blocks


def _apply_section(
    docs: list[_Working],
    number: str,
    replacement: list[Block] | None,
    add: bool = False,
    last: str | None = None,
) -> bool:
    for work in docs:
        found = _section_range(work.blocks, number)
        if found is not None and last:  # "Paragraphs 4.1 to 4.3": through the end of 4.3
            through = _section_range(work.blocks, last)
            if through is not None and through[1] > found[0]:
                found = (found[0], through[1])
        if add:
            if found is not None:
                continue
            work.blocks.extend(
                [
                    Block(kind="heading", text=f"Section {number}", index=0, level=1),
                    *(replacement or []),
                ]
            )
            work.changed = True
            return True
        if found is None:
            continue
        start, end = found
        head = work.blocks[start]
        keep = [head] if head.kind == "heading" and replacement else []
        before = " ".join(b.text for b in work.blocks[start:end])
        work.blocks[start:end] = keep + (replacement or [])
        work.changed = True
        after = " ".join(b.text for b in replacement or [])
        _carry_discount(docs, before, after)
        return True
    return False


def _replace_beginning(docs: list[_Working], begin: str, text: str) -> bool:
    """The base paragraph that opens with ``begin`` becomes ``text``."""
    key = begin.strip().rstrip(".").lower()
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind != "table" and block.text.strip().lower().startswith(key):
                work.blocks[i] = dataclasses.replace(block, text=text)
                work.changed = True
                _carry_discount(docs, block.text, text)
                return True
    return False


def _titled_range(blocks: Sequence[Block], title: str) -> tuple[int, int] | None:
    """Block positions under the heading that reads ``title``, up to the next heading."""
    wanted = title.strip().rstrip(".:").lower()
    for i, block in enumerate(blocks):
        if block.kind == "heading" and block.text.strip().rstrip(".:").lower().endswith(wanted):
            end = i + 1
            while end < len(blocks) and blocks[end].kind != "heading":
                end += 1
            return i, end
    return None


def _heading_key(text: str) -> str:
    """ "part a" for "Part A - Licences": how a schedule's parts are known in both versions."""
    return " ".join(text.lower().split()[:2])


def _schedule_range(
    blocks: Sequence[Block], name: str, restated: bool, parts: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """Positions of the schedule called ``name`` ("Schedule 1"): its heading up to the next
    heading at its depth or the signature block. In the amendment the heading calls it restated
    ("Restated Schedule 1 - Commercial Schedule"); in the base it opens with the name, and a
    heading the PDF sets at the schedule's own size still belongs to it when the restated
    schedule has a part of that name ("Part A - Licences")."""
    named = re.compile(
        (r"\b(?:restated|amended|revised|updated|new|replacement)\s+" if restated else r"^\s*")
        + re.escape(name)
        + r"\b",
        re.IGNORECASE,
    )
    for i, block in enumerate(blocks):
        if block.kind == "heading" and named.search(block.text):
            end = i + 1
            while end < len(blocks) and not CLOSING.search(blocks[end].text):
                nxt = blocks[end]
                if (
                    nxt.kind == "heading"
                    and (nxt.level or 1) <= (block.level or 1)
                    and _heading_key(nxt.text) not in parts
                ):
                    break
                end += 1
            return i, end
    return None


def _replace_schedule(docs: list[_Working], name: str, amendment: Document) -> bool:
    """The base schedule's content becomes the restated one's (tables stay tables, so licence
    lines and investment rows are read again); lines it no longer has are withdrawn."""
    new = _schedule_range(amendment.blocks, name, restated=True)
    if new is None:
        return False
    replacement = list(amendment.blocks[new[0] + 1 : new[1]])
    parts = frozenset(_heading_key(b.text) for b in replacement if b.kind == "heading")
    for work in docs:
        found = _schedule_range(work.blocks, name, restated=False, parts=parts)
        if found is not None:
            _replace_under_heading(docs, work, found, replacement)
            return True
    return False


def _replace_titled(docs: list[_Working], title: str, replacement: list[Block]) -> bool:
    for work in docs:
        found = _titled_range(work.blocks, title)
        if found is not None:
            _replace_under_heading(docs, work, found, replacement)
            return True
    return False


def _replace_under_heading(
    docs: list[_Working], work: _Working, found: tuple[int, int], replacement: list[Block]
) -> None:
    """Everything under the heading at ``found[0]`` becomes ``replacement``; a discount the two
    versions state at different rates changes wherever else the base repeats it."""
    start, end = found
    before = " ".join(b.text for b in work.blocks[start + 1 : end])
    work.blocks[start + 1 : end] = replacement
    work.changed = True
    _carry_discount(docs, before, " ".join(b.text for b in replacement))


def _remove_program(docs: list[_Working], subject: tuple[str, str, tuple[str, ...]]) -> bool:
    """A withdrawn program leaves the base: the table rows and paragraphs that offer it (the
    whole paragraph when it opens with the program, else the sentences that name it)."""
    from ..nlp import sentence_spans

    keys = [alias.lower() for alias in subject[2]]

    def names(text: str) -> bool:
        return any(k in text.lower() for k in keys)

    applied = False
    for work in docs:
        kept: list[Block] = []
        for block in work.blocks:
            if block.kind == "table":
                rows = [r for r in block.rows if not names(" | ".join(r))]
                if len(rows) < len(block.rows):
                    work.changed = applied = True
                    if len(rows) > 1:
                        kept.append(_table_block(block, rows))
                    continue
            elif names(block.text) and block.kind != "heading":
                spans = sentence_spans(block.text)
                if spans and names(block.text[spans[0][0] : spans[0][1]]):
                    work.changed = applied = True
                    continue
                text = " ".join(
                    block.text[a:b].strip() for a, b in spans if not names(block.text[a:b])
                )
                work.changed = applied = True
                kept.append(dataclasses.replace(block, text=text))
                continue
            kept.append(block)
        work.blocks[:] = kept
    return applied


def _carry_discount(docs: list[_Working], before: str, after: str) -> None:
    """A clause that restates the discount at a new rate ("4.2 A discount of seven per cent")
    changes it wherever the base repeats it, such as the discount column of the price table."""
    old = {f.value for f in find_percents(before) if f.label == "discount"}
    new = {f.value for f in find_percents(after) if f.label == "discount"}
    if len(old) == 1 and len(new) == 1 and old != new:
        _apply_percent(docs, f"{old.pop():g}%", f"{new.pop():g}%")


_OLD_COLUMN = re.compile(
    r"\b(?:in\s+(?:the\s+)?(?:proposal|agreement|quote|quotation|enrol?lment|order|original)|"
    r"per\s+(?:the\s+)?(?:proposal|agreement|quote|quotation|enrol?lment|order)|"
    r"as\s+(?:proposed|quoted|offered)|proposed|current|previous|existing|original|old|was|before|"
    r"from)\b",
    re.IGNORECASE,
)
_NEW_COLUMN = re.compile(r"\b(?:amended|revised|new|after|now|to|changed|updated)\b", re.IGNORECASE)
_ITEM_COLUMN = re.compile(
    r"\b(?:item|description|product|subscription|licen[cs]e|element|line item|term)\b",
    re.IGNORECASE,
)
_NO_CHANGE = re.compile(r"\b(?:no change|unchanged|not changed|n/?a)\b", re.IGNORECASE)


def _is_date_cell(cell: str) -> bool:
    """The cell holds one date and nothing else of substance."""
    found = find_dates(cell)
    return len(found) == 1 and found[0].end - found[0].start >= len(cell.strip()) - 2


def _wording(cell: str) -> str:
    """A clause quoted in a change table's cell, without its quotes or the ellipsis that marks
    where the quotation stops ('"The funds must be used within 270 days ...; ..."')."""
    text = cell.strip()
    if len(text) < 25 or not re.match(r"[\"“']", text):
        return ""
    text = text.strip("\"“”'‘’ ")
    text = re.sub(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$", "", text)
    return text.strip().rstrip(";,:").strip()


def _change_rows(block: Block) -> list[tuple[str, str, str]]:
    """(row label, old value, new value) for each changed row of a table of old and new values
    ("Subscription | Quantity in Proposal | Amended quantity"); rows marked "no change" and rows
    whose value stays the same change nothing."""
    if block.kind != "table" or len(block.rows) < 2:
        return []
    header = block.rows[0]
    olds = [
        c
        for c, cell in enumerate(header)
        if _OLD_COLUMN.search(cell) and not _NEW_COLUMN.search(cell)
    ]
    news = [
        c
        for c, cell in enumerate(header)
        if _NEW_COLUMN.search(cell) and not _OLD_COLUMN.search(cell)
    ]
    if len(olds) != 1 or len(news) != 1:
        return []
    old_col, new_col = olds[0], news[0]
    others = [c for c in range(len(header)) if c not in (old_col, new_col)]
    # "Proposal reference | Item | As stated | As amended": the item column names what changes
    named = [c for c in others if _ITEM_COLUMN.search(header[c])]
    label_col: int | None = (named or others)[0] if (named or others) else None
    out = []
    for row in block.rows[1:]:
        if max(old_col, new_col) >= len(row) or label_col is None:
            continue
        if _NO_CHANGE.search(row[new_col]):
            continue
        if _is_date_cell(row[old_col]) and _is_date_cell(row[new_col]):
            # "12/31/2027 | 09/30/2027": the whole date changes, not its first figure
            if row[old_col].strip() != row[new_col].strip():
                out.append((row[label_col], row[old_col].strip(), row[new_col].strip()))
            continue
        old = re.match(rf"\s*({_AMOUNT})", row[old_col])
        new = re.match(rf"\s*({_AMOUNT})", row[new_col])
        if old is None or new is None:
            # "Original wording | Amended wording": a quoted clause replaced by another
            before, after = _wording(row[old_col]), _wording(row[new_col])
            if before and after and before != after:
                out.append((row[label_col], before, after))
            continue
        if old.group(1).strip() != new.group(1).strip():
            out.append((row[label_col], old.group(1).strip(), new.group(1).strip()))
    return out


# "3. New undertaking": what the amendment adds under a heading of its own, without a statement
_NEW_PART = re.compile(
    r"\b(?:new|additional)\s+(?:undertakings?|commitments?|conditions?|terms?|clauses?|provisions?|"
    r"obligations?)\b",
    re.IGNORECASE,
)


def _new_parts(amendment: Document) -> list[Block]:
    """The paragraphs under the amendment's headings that announce new terms."""
    out: list[Block] = []
    inside = False
    for block in amendment.blocks:
        if block.kind == "heading":
            inside = bool(_NEW_PART.search(block.text))
            continue
        if is_statement(block.text) or CLOSING.search(block.text):
            continue
        if inside or _promises_more(block.text):
            out += _new_blocks([block.text], block.page)
    return out


def _promises_more(text: str) -> bool:
    """ "2.2 Van Houten intends to extend Microsoft 365 Copilot to a further two hundred (200)
    users ...": a purchase expectation the amendment states in its own words is a new term (a
    restatement of the base's expectation names no number and changes nothing)."""
    from ..nlp.vocabulary import cues

    return bool(find_counts(text)) and any(p.search(text) for p in cues()["commitment"])


_NUMBERED = re.compile(r"^\s*\d+\.\d+[a-z]?\s")  # "2.2 The unit prices ...": the next clause


# "is deleted in its entirety and replaced by the following restated Investment Summary.": the
# replacement follows as the next blocks even without a colon
_THE_FOLLOWING = re.compile(
    r"\breplaced\s+(?:by|with)\s+the\s+following\b(?![^.]*\bsentence\b)", re.IGNORECASE
)


_CLAUSE_NUMBER = re.compile(r"^\s*(\d{1,2})\.\s+[A-Z]")
_NEXT_CLAUSE = re.compile(r"(?<=[.;\"”])\s+(?=(\d{1,2})\.\s+[A-Z])")


def _numbered_clauses(block: Block) -> list[str]:
    """'3. Price reduction. ... "... then in effect." 4. ECIF amount. In section 3.1 ...': the
    clauses of a block that a scan or a renderer ran together, split where the next number in
    sequence starts a sentence (a list item's own number is already gone from its text)."""
    text = block.text
    first = _CLAUSE_NUMBER.match(text)
    if first is None and block.kind != "list_item":
        return [text]
    parts, start, number = [], 0, int(first.group(1)) if first else None
    for m in _NEXT_CLAUSE.finditer(text):
        if number is None or int(m.group(1)) == number + 1:
            parts.append(text[start : m.start()].strip())
            start, number = m.end(), int(m.group(1))
    return [*parts, text[start:].strip()]


# "No. | Clause | Variation | Reason": a schedule of variations, one change per row
_VARIATION_HEADER = re.compile(
    r"^\s*(?:description\s+of\s+(?:the\s+)?)?(?:variation|change|amendment|modification)s?"
    r"(?:\s+(?:agreed|made))?\s*$",
    re.IGNORECASE,
)


def _variation_column(block: Block) -> int | None:
    if block.kind != "table" or len(block.rows) < 2:
        return None
    return next((i for i, c in enumerate(block.rows[0]) if _VARIATION_HEADER.match(c)), None)


def _row_statements(block: Block, column: int) -> list[str]:
    """Each sentence of a variation cell that states a change: 'The credit ... is reduced from
    USD 75,000 to USD 25,000. The Total row ... reads USD 175,000 instead of USD 225,000.' is
    two changes, and the row's reason is not one."""
    from ..nlp import sentence_spans

    out = []
    for row in block.rows[1:]:
        cell = row[column] if column < len(row) else ""
        out += [cell[a:b] for a, b in sentence_spans(cell) if is_statement(cell[a:b])]
    return out


def _statements(amendment: Document) -> list[tuple[str, list[str], int | None]]:
    """(statement text, following replacement texts, page) for each block stating a change."""
    out: list[tuple[str, list[str], int | None]] = []
    blocks = amendment.blocks
    restated: set[int] = set()  # a restated schedule's own clauses state terms, not changes
    for block in blocks:
        m = SCHEDULE_RESTATED.search(block.text)
        if m and (found := _schedule_range(blocks, m.group("name"), restated=True)):
            restated.update(range(*found))
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if i in restated or not is_statement(block.text) or CLOSING.search(block.text):
            i += 1
            continue
        if (column := _variation_column(block)) is not None:
            out += [(text, [], block.page) for text in _row_statements(block, column)]
            i += 1
            continue
        following: list[str] = []
        j = i + 1
        introduces = block.text.rstrip().endswith(":") or bool(_THE_FOLLOWING.search(block.text))
        if introduces and j < len(blocks) and blocks[j].kind == "heading" and j + 1 < len(blocks):
            j += 1  # "... replaced by the following restated Investment Summary." and its title
        if introduces:
            while (
                j < len(blocks)
                and blocks[j].kind != "heading"  # the amendment's next part
                and not (_NUMBERED.match(block.text) and _NUMBERED.match(blocks[j].text))
                and not is_statement(blocks[j].text)
                and not (CLOSING.search(blocks[j].text))
            ):
                following.append(blocks[j].text)
                j += 1
        *earlier, last = _numbered_clauses(block)
        out += [(part, [], block.page) for part in earlier if is_statement(part)]
        out.append((last, following, block.page))
        i = j
    return out


def _restated_sections(amendment: Document) -> list[tuple[str, list[Block]]]:
    """(number, blocks under its heading) for each numbered section the amendment restates."""
    blocks = amendment.blocks
    out: list[tuple[str, list[Block]]] = []
    for i, block in enumerate(blocks):
        m = _SECTION_HEADING.match(block.text)
        if block.kind != "heading" or m is None:
            continue
        end = i + 1
        while end < len(blocks) and not (
            blocks[end].kind == "heading" and (blocks[end].level or 1) <= (block.level or 1)
        ):
            end += 1
        out.append((m.group("num"), list(blocks[i + 1 : end])))
    return out


def _replace_sections(docs: list[_Working], amendment: Document, unapplied: list[str]) -> None:
    """ "## 5. Azure migration credits (as amended in version 1.2)": each section the amendment
    reproduces replaces the base's section of the same number, whole."""
    for number, replacement in _restated_sections(amendment):
        for work in docs:
            found = _section_range(work.blocks, number)
            if found is not None and work.blocks[found[0]].kind == "heading":
                _replace_under_heading(docs, work, found, replacement)
                break
        else:
            unapplied.append(f"{amendment.name}: no section {number} in the base to replace")


def _restated_rows(amendment: Document) -> list[tuple[str, str]]:
    """(field, new detail) for each "Microsoft 365 E5: 1,380 users" line of the amendment."""
    out = []
    for block in amendment.blocks:
        m = _RESTATED_ROW.match(block.text.strip()) if block.kind != "table" else None
        if m is not None:
            out.append((m.group("field").strip(), m.group("value").strip()))
    return out


def _replace_rows(docs: list[_Working], amendment: Document) -> None:
    """Each restated "Field: detail" replaces the detail of the base's two-column row of that
    field. Lines naming no base row ("Comment: ...") are the amendment's own prose."""
    for field, value in _restated_rows(amendment):
        found = next((f for f in _labelled_rows(docs, field) if len(f[3]) == 2), None)
        if found is not None:
            work, i, r, row = found
            rows = list(work.blocks[i].rows)
            rows[r] = (row[0], value)
            work.blocks[i] = _table_block(work.blocks[i], rows)
            work.changed = True


def _diff_revisions(document: Document) -> list[Revision]:
    return [r for r in document.revisions if r.origin == "diff" and r.line is not None]


def _diff_changes(document: Document) -> list[list[Revision]]:
    """The amendment's diff markup as runs of adjacent lines, each its deleted lines followed
    by the inserted lines that take their place ("- ... 12% ..." then "+ ... 10% ...")."""
    runs: list[list[Revision]] = []
    for revision in _diff_revisions(document):
        last = runs[-1][-1] if runs else None
        adjacent = last is not None and last.line is not None and revision.line == last.line + 1
        if adjacent and not (
            last is not None and last.kind == "insert" and revision.kind == "delete"
        ):
            runs[-1].append(revision)
        else:
            runs.append([revision])
    return runs


def _pipe_cells(line: str) -> tuple[str, ...] | None:
    """ "| Microsoft 365 F3 - users | 750 | 750 | 750 |" as its cells; None for prose."""
    if line.count("|") < 2:
        return None
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))


def _row_key(cells: Sequence[str]) -> str:
    return " ".join(cells[0].split()).lower() if cells else ""


def _replace_row(docs: list[_Working], key: str, cells: tuple[str, ...] | None) -> bool:
    """The base's table row whose first cell is ``key`` becomes ``cells`` (None: removed)."""
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind != "table" or not any(_row_key(r) == key for r in block.rows):
                continue
            rows = (
                [r for r in block.rows if _row_key(r) != key]
                if cells is None
                else [cells if _row_key(r) == key else r for r in block.rows]
            )
            work.blocks[i] = _table_block(block, rows)
            work.changed = True
            return True
    return False


def _add_row(docs: list[_Working], header: tuple[str, ...], cells: tuple[str, ...]) -> bool:
    """A row the diff inserts goes into the base table with the same header."""
    wanted = [_row_key((c,)) for c in header]
    for work in docs:
        for i, block in enumerate(work.blocks):
            if block.kind == "table" and [_row_key((c,)) for c in block.rows[0]] == wanted:
                work.blocks[i] = _table_block(block, [*block.rows, cells])
                work.changed = True
                return True
    return False


def _apply_diff_rows(
    docs: list[_Working],
    deleted: list[tuple[str, ...]],
    inserted: list[tuple[str, ...]],
    header: tuple[str, ...],
) -> bool:
    """Inserted pipe rows replace the deleted rows with the same first cell ("Microsoft 365 F3 -
    users"), or, when the label itself changes, the deleted row in the same place; a deleted
    row left over is removed and an inserted one left over is added."""
    applied = True
    left = list(deleted)
    for cells in inserted:
        twin = next((d for d in left if _row_key(d) == _row_key(cells)), None)
        if twin is None and len(left) == len(inserted) - inserted.index(cells):
            twin = left[0]
        if twin is not None:
            left.remove(twin)
            applied = _replace_row(docs, _row_key(twin), cells) and applied
        else:
            applied = _add_row(docs, header, cells) and applied
    for cells in left:
        applied = _replace_row(docs, _row_key(cells), None) and applied
    return applied


def _apply_diff_run(docs: list[_Working], run: list[Revision], amendment: Document) -> bool:
    """One run of deleted and inserted lines applied to the base: pipe rows row by row, prose
    as the base's wording, whatever its line breaks (``_replace_wording``)."""
    rows = {
        kind: [c for r in run if r.kind == kind and (c := _pipe_cells(r.text))]
        for kind in ("delete", "insert")
    }
    prose = {
        kind: " ".join(r.text for r in run if r.kind == kind and _pipe_cells(r.text) is None)
        for kind in ("delete", "insert")
    }
    applied = True
    if rows["delete"] or rows["insert"]:
        block = amendment.blocks[run[0].block] if run[0].block < len(amendment.blocks) else None
        header = block.rows[0] if block is not None and block.rows else ()
        applied = _apply_diff_rows(docs, rows["delete"], rows["insert"], header)
    old, new = prose["delete"].strip(), prose["insert"].strip()
    if old:
        applied = _replace_wording(docs, old, new) and applied
    elif new:
        applied = _append_paragraphs(docs, _new_blocks([new], None)) and applied
    return applied


def _apply_diff_markup(docs: list[_Working], amendment: Document, unapplied: list[str]) -> Document:
    """Apply an amendment written as unified-diff markup, like a Word redline accepted into the
    base, and return the amendment without the blocks of that markup: its context and inserted
    lines are wording of the base, not statements to apply a second time."""
    runs = _diff_changes(amendment)
    if not runs:
        return amendment
    for run in runs:
        if not _apply_diff_run(docs, run, amendment):
            lines = "; ".join(f"{'+' if r.kind == 'insert' else '-'} {r.text}" for r in run)
            unapplied.append(
                f"{amendment.name}: could not apply the diff lines {run[0].line}-{run[-1].line}: "
                f"{lines[:200]}"
            )
    blocks = tuple(b for b in amendment.blocks if b.source != "diff")
    return dataclasses.replace(amendment, blocks=blocks)


def apply_change_statements(
    base_docs: Sequence[Document], amendment: Document
) -> tuple[Document, ...]:
    """The base documents with the amendment's change statements applied."""
    docs = [_Working(doc, list(doc.blocks)) for doc in base_docs]
    unapplied: list[str] = []
    amendment = _apply_diff_markup(docs, amendment, unapplied)
    if SECTIONS_RESTATED.search(amendment.text[:3000]):
        # the version history beside the restated sections only summarises them
        _replace_sections(docs, amendment, unapplied)
        return _finished(docs, unapplied)
    if ROWS_RESTATED.search(amendment.text[:3000]):
        _replace_rows(docs, amendment)  # change statements beside the rows still apply
    _append_paragraphs(docs, _new_parts(amendment))
    for block in amendment.blocks:
        for label, old, new in _change_rows(block):
            if not _apply_value(docs, label, old, new):
                unapplied.append(
                    f"{amendment.name}: could not apply the change table row: {label}: {old} -> "
                    f"{new}"
                )
    for statement, following, page in _statements(amendment):
        applied = True
        deadlines_done = False
        if BRACKETED.search(statement):
            applied = _apply_bracketed(docs, statement)
            deadlines_done = True
        elif now := NOW_READS.search(statement):
            applied = _apply_now_reads(
                docs, statement[: now.start()], now.group("a"), now.group("b")
            )
            deadlines_done = True
        elif pairs := list(REPLACING.finditer(statement)):
            applied = all(_apply_revised(docs, q.group("a"), q.group("b")) for q in pairs)
        elif (quoted := _quoted_replacements(statement)) and all(
            _is_value(q.group("a")) for q in quoted
        ):  # 'Section 2: in the row for F3, the figure "3,100" is deleted and replaced by ...'
            applied = all(
                _apply_value(docs, statement[: q.start()], q.group("a"), q.group("b"))
                for q in quoted
            )
        elif (
            (m := TERM_REPLACED.search(statement))
            and find_percents(m.group("b"))
            and len({f.value for f in find_percents(m.group("a"))}) == 1
        ):
            applied = _replace_term(docs, m.group("a"), m.group("b"))
        elif m := PARAGRAPH_BEGINNING.search(statement):
            texts = ([m.group("text")] if m.group("text").strip() else []) + following
            applied = bool(texts) and _replace_beginning(
                docs, m.group("begin"), _quoted_text(texts[0])
            )
        elif m := PARAGRAPH_AMENDED.search(statement):
            texts = ([m.group("text")] if m.group("text").strip() else []) + following
            part = _SUBPART.search(m.group(0))
            applied = bool(texts) and part is not None
            if applied and part is not None:
                applied = _replace_paragraph(docs, m.group("num"), part, _quoted_text(texts[0]))
        elif m := TITLED_REPLACED.search(statement):
            texts = ([m.group("text")] if m.group("text").strip() else []) + following
            if following and not statement.rstrip().endswith(":"):
                texts = following  # "... replaced by the following restated summary." + blocks
            applied = _replace_titled(docs, m.group("title"), _new_blocks(texts, page))
        elif m := SCHEDULE_RESTATED.search(statement):
            applied = _replace_schedule(docs, m.group("name"), amendment)
        elif m := SENTENCE_REPLACED.search(statement) or SENTENCE_OF_REPLACED.search(statement):
            text = _quoted_text(m.group("text"))
            below_table = bool(m.groupdict().get("note"))
            applied = bool(text) and _replace_sentence(
                docs, m.group("num"), m.group("which"), text, below_table=below_table
            )
        elif m := NEW_SECTION.search(statement):
            texts = ([m.group("text")] if m.group("text").strip() else []) + following
            applied = _apply_section(docs, m.group("num"), _new_blocks(texts, page), add=True)
        elif m := REPLACED.search(statement):
            texts = ([m.group("text")] if m.group("text").strip() else []) + following
            part = _SUBPART.search(statement[m.end("num") : m.start("text")])
            if part is not None:
                text = _quoted_text(m.group("text"))
                applied = bool(text) and _replace_paragraph(docs, m.group("num"), part, text)
            else:
                applied = _apply_section(
                    docs, m.group("num"), _new_blocks(texts, page), last=m.group("last")
                )
        elif m := LABELLED_ROW_WITHDRAWN.search(statement):
            applied = _remove_row(docs, m.group("label"))
            for also in _ALSO_DELETED.finditer(statement):
                applied = _apply_section(docs, also.group("num"), None) and applied
        elif m := DELETED.search(statement):
            applied = _apply_section(docs, m.group("num"), None)
        elif m := ADDED.search(statement):
            texts = ([m.group("text")] if m.group("text").strip() else []) + following
            applied = _apply_section(docs, m.group("num"), _new_blocks(texts, page), add=True)
        elif m := NEW_TERM.search(statement):
            text = _quoted_text(m.group("text"))
            applied = bool(text) and _append_paragraphs(docs, _new_blocks([text], page))
        elif values := list(VALUE_REPLACEMENT.finditer(statement)) or list(
            RATHER_THAN.finditer(statement)
        ):
            applied = all(
                _apply_revised(docs, *_whole_dates(statement, v.span("a"), v.span("b")))
                for v in values
            )
        elif m := NEW_CLAUSE.search(statement):
            applied = _append_paragraphs(docs, _new_blocks([m.group("text")], page))
        elif m := ADDED_PARAGRAPH.search(statement):
            texts = ([m.group("text")] if m.group("text").strip() else []) + following
            applied = _append_paragraphs(docs, _new_blocks(texts, page))
        elif m := AMOUNT_BY.search(statement):
            applied = _apply_by(docs, m.group("verb"), m.group("delta"), m.group("b"))
        elif m := READ_AS.search(statement):
            applied = _apply_revised(docs, m.group("a"), _leading_value(m.group("a"), m.group("b")))
        elif pairs := list(DELETE_INSERT.finditer(statement)):
            applied = all(
                _apply_revised(docs, q.group("a") or q.group("a2"), q.group("b") or q.group("b2"))
                for q in pairs
            )
            for row in ROW_COUNT_REPLACED.finditer(statement):
                applied = _set_quantity(docs, row.group("product"), row.group("b")) and applied
        elif row_count := ROW_COUNT_REPLACED.search(statement):
            applied = _set_quantity(docs, row_count.group("product"), row_count.group("b"))
        elif m := ROW_WITHDRAWN.search(statement):
            applied = _remove_row(docs, m.group("ref"))
            for note in NOTE_DELETED.finditer(statement):
                applied = _remove_note(docs, int(note.group("n"))) and applied
        elif m := QUANTITY_TOTAL.search(statement):
            product = (m.group("product") or m.group("product2")).strip()
            applied = _set_quantity(docs, product, m.group("b"))
        elif quoted := _quoted_replacements(statement):
            applied = all(_apply_revised(docs, q.group("a"), q.group("b")) for q in quoted)
        elif quantities := list(QUANTITY.finditer(statement)):
            applied = all(
                _apply_quantity(docs, q.group("product"), q.group("a"), q.group("b"))
                for q in quantities
            )
        elif revised := list(REVISED.finditer(statement)):
            applied = all(
                _apply_value(
                    docs,
                    statement[: r.start()],
                    r.group("a"),
                    _leading_value(r.group("a"), r.group("b")),
                )
                for r in revised
            )

            for extra in FROM_TO.finditer(statement):
                if not any(r.start() <= extra.start() < r.end() for r in revised):
                    applied = _apply_revised(docs, extra.group("a"), extra.group("b")) and applied
        elif pairs := list(PREVIOUSLY.finditer(statement)) or list(ARROW.finditer(statement)):
            applied = all(_apply_revised(docs, q.group("a"), q.group("b")) for q in pairs)
        elif deadlines := list(NEW_DEADLINE.finditer(statement)):
            applied = all(_apply_new_deadline(docs, statement, d) for d in deadlines)
            deadlines_done = True
        elif settings := list(SET_TO.finditer(statement)):
            applied = all(
                _apply_set(docs, statement[: t.start()], _stated_value(t)) for t in settings
            )
        elif (m := PROGRAM_WITHDRAWN.search(statement)) and (
            program := _first_program(statement[: m.start()])
        ):
            applied = _remove_program(docs, program)
        elif re.search(r"hereby\s+amended|remain\s+unchanged", statement, re.IGNORECASE):
            continue  # preamble or closing boilerplate: nothing to apply
        else:
            applied = False
        if not deadlines_done:  # a deadline changed in the same sentence as another value
            for deadline in NEW_DEADLINE.finditer(statement):
                applied = _apply_new_deadline(docs, statement, deadline) and applied
        # "... will fund up to USD 225,000 (previously USD 275,000). The sentence "..." is
        # replaced by "...": a value changed beside a replaced sentence
        for pair in PREVIOUSLY.finditer(statement):
            if _written(docs, pair.group("a")) and not _quoted_at(statement, pair.start()):
                applied = _apply_revised(docs, pair.group("a"), pair.group("b")) and applied
        if not applied:
            unapplied.append(
                f"{amendment.name}: could not apply change statement: {statement[:200]}"
            )
    return _finished(docs, unapplied)


def _finished(docs: list[_Working], unapplied: list[str]) -> tuple[Document, ...]:
    result: list[Document] = []
    for position, work in enumerate(docs):
        blocks = tuple(dataclasses.replace(b, index=i) for i, b in enumerate(work.blocks))
        warnings = work.document.warnings + (tuple(unapplied) if position == 0 else ())
        if not work.changed and not (position == 0 and unapplied):
            result.append(work.document)
            continue
        name = work.document.name
        if work.changed and not name.endswith(SUFFIX):
            name += SUFFIX
        text = "\n\n".join(b.text for b in blocks)
        result.append(
            dataclasses.replace(
                work.document,
                name=name,
                blocks=blocks,
                warnings=warnings,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()
                if work.changed
                else work.document.sha256,
            )
        )
    return tuple(result)
