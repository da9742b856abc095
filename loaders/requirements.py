"""The 其他要求 block: one Requirement per numbered item (or per distinct sentence of an
unnumbered paragraph), each split into Clauses that carry a kind, a modality and
parameters.

Modality follows the guide's wording (must 须/必须/应/需/限/要, in principle 原则上,
generally 一般, encouraged 鼓励/优先, else informational), read from the part of the
sentence that states the clause, so "需采取“2+2”合作模式…且原则上企业应提供…配套出资" gives
a must clause and an in-principle clause.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from coopkg.i18n import N_

from .fields import split_top
from .model import MODALITIES, Clause, Requirement
from .numbers import parse_amount, parse_number
from .reference import Partner, home
from .text import Line, Notice, join

__all__ = ["KINDS", "KindRule", "modality_of", "parse_requirements", "read_sides",
           "side_forms"]

_ITEM = re.compile(r"^(\d{1,2})[）)]\s*(.*)$")
_TERMINAL = ("。", "；", ";")

_MUST = re.compile(
    r"必须|须|(?<!不)需(?!求)|(?<![相响适对效])应(?!对|用)|(?<![期界时上])限|仅|不予|无效"
    r"|不在.{0,8}之列|(?<![主重概纪摘])要(?!素|点)|只(?!是)")


def modality_of(segment: str) -> str | None:
    """The modality a piece of text states, or None when it states none."""
    if "原则上" in segment:
        return "in_principle"
    if "一般" in segment:
        return "generally"
    if re.search(r"鼓励|优先(?:支持|考虑|资助)", segment):
        return "encouraged"
    if _MUST.search(segment):
        return "must"
    return None


Params = Callable[[str, "Context"], dict[str, object]]


@dataclass(frozen=True)
class KindRule:
    kind: str
    pattern: re.Pattern[str]
    default: str  # modality when the sentence states none
    params: Params | None = None
    fixed: bool = False  # always `default`: pointers and statements of purpose bind nobody


@dataclass(frozen=True)
class Context:
    """What parameter readers may look up: partner names → codes, and the direction's sides:
    each short form (中方, 日方, 欧方, 日本方 …) with its role, `home` or `partner`, and the
    names of the home country (中国)."""

    country_codes: dict[str, str]
    item: str = ""
    sides: tuple[tuple[str, str], ...] = ()
    home_names: tuple[str, ...] = ()


# "X方" followed by one of these is a word (方法, 方面, 方案 …), not a side.
_WORD_AFTER_SIDE = "法面案式向针言便程位形"
# The roles a side's short form is read as: the same length as the short forms' "X方", so
# positions in the read copy are positions in the text.
_ROLE_TOKEN = {"home": "我方", "partner": "外方"}


def side_forms(home: Partner, partners: Sequence[Partner]) -> tuple[tuple[str, str], ...]:
    """The short forms by which a requirement names a side, longest first, from the names in
    the reference tables: any name + 方 (中国方, 日本方, 欧盟方), and a country's or union's
    first character + 方 (中方, 日方, 韩方, 欧方), the usual abbreviation of a side."""
    forms: dict[str, str] = {}
    for role, partner in (("home", home), *(("partner", p) for p in partners)):
        if partner.kind in ("country", "supranational_union"):
            forms.setdefault(partner.name_zh[:1] + "方", role)
        for name in (partner.name_zh, *partner.aliases_zh):
            forms.setdefault(name + "方", role)
    return tuple(sorted(forms.items(), key=lambda f: -len(f[0])))


def read_sides(text: str, ctx: Context) -> str:
    """`text` with every side's short form read as its role (我方 for the home side, 外方
    for a partner's), so the kinds below are written once for every partner."""
    out = list(text)
    taken = [False] * len(text)
    for form, role in ctx.sides:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not any(taken[start:end]) and text[end:end + 1] not in _WORD_AFTER_SIDE:
                out[end - 2:end] = _ROLE_TOKEN[role]
                taken[start:end] = [True] * len(form)
            start = text.find(form, start + 1)
    return "".join(out)


def _side(text: str, ctx: Context) -> str:
    """Whose obligation a clause states: both sides, the home side, a partner's, or any."""
    if re.search(r"双方|各方", text):
        return "both"
    named = "|".join(["我方", "外方", *(re.escape(n) for n in ctx.home_names)])
    m = re.search(named, text)
    if not m:
        return "any"
    return "partner" if m.group(0) == "外方" else "china"


def _duration(text: str, _: Context) -> dict[str, object]:
    out: dict[str, object] = {}
    for m in re.finditer(r"(不超过|为|一般为)?\s*(\d+)\s*(?:[至～~\-—－]\s*(\d+))?\s*年", text):
        a, b = int(m.group(2)), m.group(3)
        if a >= 1900:  # a calendar period such as 2021-2023年
            out["periodStart"], out["periodEnd"] = a, int(b) if b else a
            continue
        if b:
            out["minYears"], out["maxYears"] = Decimal(a), Decimal(int(b))
        elif m.group(1) == "不超过":
            out["maxYears"] = Decimal(a)
        else:
            out["minYears"] = out["maxYears"] = Decimal(a)
    return out


def _matching(text: str, ctx: Context) -> dict[str, object]:
    out: dict[str, object] = {"appliesTo": "enterprise", "side": _side(text, ctx)}
    if re.search(r"等额", text):
        out["minRatio"] = Decimal(1)
    return out


def _registration(text: str, _: Context) -> dict[str, object]:
    m = re.search(r"注册\s*(\d+)\s*年以上", text)
    return {"minYears": Decimal(m.group(1)), "side": "partner" if "境外" in text else "any"} \
        if m else {}


def _countries(text: str, ctx: Context) -> dict[str, object]:
    m = re.search(r"（(?:包括)?([^（）]+)）", text)
    names = split_top(m.group(1), "、") if m else []
    codes = [ctx.country_codes[n] for n in names if n in ctx.country_codes]
    return {"countries": codes, "countryNames": names}


def _endorsement(text: str, _: Context) -> dict[str, object]:
    m = re.search(r"(\d+)\s*日内", text)
    return {"deadlineDays": int(m.group(1))} if m else {}


def _h2020(text: str, _: Context) -> dict[str, object]:
    m = re.search(r"发布的\s*((?:\d{4}[、和及\s]*)+)\s*年度", text)
    return {"callYears": [int(y) for y in re.findall(r"\d{4}", m.group(1))]} if m else {}


def _areas(text: str, _: Context) -> dict[str, object]:
    m = re.search(r"至少包括(.+?)中的\s*(\d+|[一二两三四五])\s*个", text)
    if not m:
        return {}
    areas = [a for a in re.split(r"、|和|及", m.group(1)) if a]
    return {"minCount": int(parse_number(m.group(2))), "researchAreas": areas}


def _composition(text: str, ctx: Context) -> dict[str, object]:
    m = re.search(r"由(.+?)至少各\s*(\d+|一)\s*家", text)
    if m:
        names = split_top(m.group(1), "、")
        return {"countries": [ctx.country_codes.get(n, n) for n in names],
                "minPerCountry": int(parse_number(m.group(2)))}
    if re.search(r"我方单位和一家外方单位", text):
        return {"minPerSide": 1}
    return {}


def _two_plus_two(text: str, _: Context) -> dict[str, object]:
    return {"minResearchInstitutesPerSide": 1, "minEnterprisesPerSide": 1}


def _lead(text: str, _: Context) -> dict[str, object]:
    named = re.search(r"([我外])方要求企业牵头", text)
    if named:
        return {"side": "china" if named.group(1) == "我" else "partner"}
    return {"side": "both" if re.search(r"双方均", text) else "china"}


# "（即不含日本企业）", "不含企业": what a list of allowed types leaves out.
_EXCLUDED = re.compile(r"不含[^，,；;。（）()]{0,8}?企业")


def _partner_type(text: str, ctx: Context) -> dict[str, object]:
    out: dict[str, object] = {"side": "partner"}
    types = []
    for word, t in (("大学", "university"), ("高等学校", "university"), ("高校", "university"),
                    ("研究机构", "research_institute"), ("科研院所", "research_institute"),
                    ("科研机构", "research_institute")):
        if word in text and t not in types:
            types.append(t)
    if "企业" in _EXCLUDED.sub("", text):
        types.append("enterprise")
    if types:
        out["allowedTypes"] = types
    own = [o for w, o in (("国立", "national"), ("公立", "public")) if w in text]
    if own:
        out["allowedOwnership"] = own
    if _EXCLUDED.search(text):
        out["excludedTypes"] = ["enterprise"]
    m = re.search(r"在(\S{2,6}?)境内注册", text)
    if m and m.group(1) in ctx.country_codes:
        out["registeredIn"] = ctx.country_codes[m.group(1)]
    return out


def _lead_institution(text: str, ctx: Context) -> dict[str, object]:
    return {"allowedTypes": ["research_institute", "university"], "side": "both"}


def _bilateral(text: str, ctx: Context) -> dict[str, object]:
    out: dict[str, object] = {"sides": 3 if "三方" in text else 2}
    if re.search(r"预申报阶段.{0,10}不需申报", ctx.item):
        out["preApplicationExempt"] = True
    return out


def _commitment(text: str, _: Context) -> dict[str, object]:
    amount = parse_amount(text)
    return {"amount": amount} if amount else {}


def _document(doc: str, *, also: tuple[str, str] | None = None) -> Params:
    """A clause shown by a supporting document (and, where the wording allows, another)."""

    def params(text: str, ctx: Context) -> dict[str, object]:
        out: dict[str, object] = {"requiredDocument": doc}
        if also and re.search(also[0], text):
            out["acceptedDocument"] = also[1]
        return out

    return params


def _bilateral_document(text: str, ctx: Context) -> dict[str, object]:
    return {**_bilateral(text, ctx), "requiredDocument": "partner_submission"}


def _english(text: str, _: Context) -> dict[str, object]:
    return {"requiredDocument": "partner_application_form" if "申报表" in text
            else "english_application"}


def _k(kind: str, pattern: str, default: str = "informational",
       params: Params | None = None, *, fixed: bool = False) -> KindRule:
    return KindRule(kind, re.compile(pattern), default, params, fixed)


# The requirement kinds, as SKOS concepts in ontology/vocabularies.ttl. Order is the
# order clauses are listed in within one item when several match at one place. Patterns
# are matched against the text as `read_sides` reads it: 我方 is the home side, 外方 any
# partner's, whatever the partner.
KINDS: list[KindRule] = [
    _k("bilateral-submission",
       r"分别向本国.{0,20}提交|单方(?:或双方)?申报(?:项目)?无效|合作方需按其.{0,10}要求提交申报材料",
       "must", _bilateral_document),
    _k("lead-enterprise", r"牵头(?:申报)?单位(?:必须|须|应)为企业|由企业牵头|方要求企业牵头", "must",
       _lead),
    _k("lead-research-institution", r"牵头单位(?:必须|须|应)是.{0,12}(?:科研机构|高校|大学|研究机构)",
       "must", _lead_institution),
    _k("enterprise-not-lead", r"企业仅可作为.{0,6}参与单位", "must"),
    _k("partner-type", r"外方合作单位(?:限|仅限|应为)", "must",
       _partner_type),
    _k("chinese-team-enterprise", r"我方(?:合作)?团队中至少有一家企业", "must"),
    _k("partner-side-enterprise", r"外方申报单位或参与单位至少包括一家企业", "must"),
    _k("consortium-composition", r"至少各\s*(?:\d+|一)\s*家|至少包括一家我方单位", "must", _composition),
    _k("consortium-2plus2", r"“?2\s*\+\s*2”?合作模式", "must", _two_plus_two),
    _k("duration", r"(?:实施周期|执行期|实施期限)[^，；。]{0,12}?\d+\s*(?:[至～~\-—－]\s*\d+\s*)?年",
       "must", _duration),
    _k("partner-country-list", r"合作国(?:家)?(?:应|须)(?:为|是)", "must", _countries),
    _k("government-endorsement", r"政府部门.{0,30}正式认可文件", "must",
       lambda t, c: {**_endorsement(t, c), "requiredDocument": "government_endorsement"}),
    _k("joint-lab-plan", r"联合实验室建设方案", "must", _document("joint_lab_plan")),
    _k("cooperation-agreement",
       r"签署(?:(?!知识产权)[^，；。]){0,14}?(?:协议|意向书|合作文件)|签署的关于共建.{0,10}合作协议", "must",
       _document("cooperation_agreement")),
    _k("ip-agreement", r"知识产权", "must",
       _document("ip_agreement", also=(r"合作文件|条款|合作协议", "cooperation_agreement"))),
    _k("matching-funds", r"配套出资", "must", _matching),
    _k("registration-age", r"注册\s*\d+\s*年以上", "must", _registration),
    _k("legal-entity", r"独立法人", "must"),
    _k("established-cooperation", r"长期稳定合作基础", "must"),
    _k("h2020-coapplication", r"共同申请\S{0,4}?地平线", "must", _h2020),
    _k("h2020-single-application", r"单个地平线\s*2020\s*项目只支持|一家单位牵头提交一份我方申请书", "must"),
    _k("h2020-participant", r"正式合作伙伴|participants”?名单", "must"),
    _k("english-application", r"英文版|英文项目申报表|英文申请书", "must", _english),
    _k("budget-within-h2020", r"预算不超过地平线", "must"),
    _k("industry-academia", r"产学研", "encouraged"),
    _k("sme", r"中小企业", "encouraged"),
    _k("enterprise-participation", r"鼓励(?:多家)?企业(?:参与|联合)", "encouraged"),
    _k("balanced-contribution", r"投入力量.{0,6}平衡", "must"),
    _k("mutual-benefit", r"优势互补|互惠互利|平等互利", "must"),
    _k("division-of-work", r"贡献.{0,3}分工|职责与分工", "must"),
    _k("young-female-researchers", r"青年和女性|女性研究人员", "encouraged"),
    _k("standardisation", r"标准化活动|形成标准", "encouraged"),
    _k("legal-compliance", r"遵守.{0,24}法律法规", "must"),
    _k("multi-team", r"多个团队联合", "encouraged"),
    _k("no-new-patients", r"不再新招募患者", "must"),
    _k("no-clinical-research", r"临床前和临床研究.{0,10}不予支持", "must"),
    _k("single-subdirection", r"选取一个子方向", "must"),
    _k("full-coverage", r"覆盖该子.{0,6}方向的所有研究内容", "must"),
    _k("geo-work-programme", r"列入[^，；。]{0,24}工作计划", "encouraged"),
    _k("geo-rules", r"尊重[^，；。]{0,16}规则", "must"),
    _k("geo-membership", r"成员国或参加组织", "must"),
    _k("data-deposit", r"汇交", "must"),
    _k("report-to-secretariat", r"秘书处", "must"),
    _k("research-area-count", r"研究领域须至少包括", "must", _areas),
    _k("continuation", r"在.{0,20}任务的基础上申请", "must"),
    _k("government-commitment", r"政府将各自投入|各自投入至少", "informational", _commitment),
    _k("staff-exchange", r"人员合作交流|人员交流", "encouraged"),
    _k("programme-scope", r"旨在(?:支持|促进)", "informational", fixed=True),
    _k("reference-information", r"https?://|请查询|联系邮箱|相关信息", "informational", fixed=True),
]
_BY_KIND = {k.kind: k for k in KINDS}


_YEARS = re.compile(r"(?<!\d)\d{1,2}\s*(?:[至～~\-—－]\s*\d{1,2}\s*)?年")


def _clauses(text: str, ctx: Context) -> list[Clause]:
    """One clause per kind found in `text`, each with the modality of the words stating it."""
    ctx = dataclasses.replace(ctx, item=text)
    found: dict[str, Clause] = {}
    order: list[tuple[int, str]] = []
    for sentence in split_top(text, "。；;"):
        segments = split_top(sentence, "，,")
        read = read_sides(sentence, ctx)
        for rule in KINDS:
            m = rule.pattern.search(read)
            if not m:
                continue
            start = m.start()
            if rule.kind == "duration":
                # The strength of a period is that of the words stating its length
                # ("执行期为2021-2023年，原则上不超过3年").
                years = _YEARS.search(sentence, m.start())
                start = years.start() if years else start
            if rule.fixed:
                modality = rule.default
            else:
                modality = _segment_modality(segments, sentence, start) or rule.default
            params = rule.params(read, ctx) if rule.params else {}
            if rule.kind in found:
                prev = found[rule.kind]
                if MODALITIES.index(modality) < MODALITIES.index(prev.modality):
                    prev.modality = modality
                for key, value in params.items():
                    prev.params.setdefault(key, value)
                continue
            text_ = sentence + ("。" if not sentence.endswith("。") else "")
            if rule.kind == "duration" and "periodStart" in params:
                # "执行期为2021-2023年，原则上不超过3年": the calendar period is stated flatly
                # (为), the length only in principle; each keeps its own strength.
                period = {k: params.pop(k) for k in ("periodStart", "periodEnd")}
                at = re.search(r"\d{4}\s*[-—－至～~]\s*\d{4}\s*年", sentence)
                seg = next((x for x in segments if at and at.group(0) in x), sentence)
                found["project-period"] = Clause(kind="project-period",
                                                 modality=modality_of(seg) or "must",
                                                 text=text_, params=period)
                order.append((len(order), "project-period"))
                if not params:
                    continue
            found[rule.kind] = Clause(kind=rule.kind, modality=modality, text=text_,
                                      params=params)
            order.append((len(order), rule.kind))
    return [found[k] for _, k in order]


def _segment_modality(segments: list[str], sentence: str, start: int) -> str | None:
    """Modality of the comma-separated piece holding `start`, else of the nearest piece
    before it in the same sentence; a purpose phrase (为鼓励…) lends its strength to none."""
    pos, index = 0, 0
    for i, seg in enumerate(segments):
        at = sentence.find(seg, pos)
        if at <= start < at + len(seg) + 1:
            index = i
            break
        pos = at + len(seg)
    for i in range(index, -1, -1):
        if i < index and segments[i].startswith("为"):
            continue
        found = modality_of(segments[i])
        if found:
            return found
    return None


def parse_requirements(lines: list[Line], *, direction: str, country_codes: dict[str, str],
                       partners: Sequence[Partner] = ()
                       ) -> tuple[list[Requirement], list[Notice]]:
    """Requirements of one direction, numbered as printed, and notices for text that belongs
    to none of them. `partners` are the direction's: their short forms name the sides."""
    own = home()
    ctx = Context(country_codes=country_codes, sides=side_forms(own, partners),
                  home_names=(own.name_zh, *own.aliases_zh))
    notices: list[Notice] = []
    items: list[tuple[int, int, list[Line]]] = []  # number, line, lines
    loose: list[Line] = []
    expected = 1
    previous: Line | None = None
    width = max((len(ln.text) for ln in lines), default=0)
    for line in lines:
        m = _ITEM.match(line.text)
        if m and int(m.group(1)) == expected and (previous is None or _ends(previous)):
            items.append((expected, line.no, [Line(line.no, m.group(2))] if m.group(2) else []))
            expected += 1
        elif items and previous is not None and _paragraph_end(previous, width) \
                and not _continues(items[-1][2]):
            notices.append(Notice("warning", line.no,
                                  N_("第 {n} 条要求之后的文字无法归位：“{text}”",
                                     n=items[-1][0], text=line.text),
                                  direction, "UNPLACED_TEXT", "其他要求"))
        elif items:
            items[-1][2].append(line)
        else:
            loose.append(line)
        previous = line
    requirements: list[Requirement] = []
    if loose and not items:
        requirements = _paragraph(loose, ctx)
    else:
        if loose:
            notices.append(Notice("warning", loose[0].no,
                                  N_("第一条编号要求之前的文字：“{text}”", text=join(loose)),
                                  direction, "TEXT_BEFORE_REQUIREMENTS", "其他要求"))
        for number, line_no, item_lines in items:
            text = join(item_lines)
            clauses = _clauses(text, ctx) or [_other(text)]
            requirements.append(Requirement(number=number, text=text, clauses=clauses,
                                            numbered=True, line=line_no))
    return requirements, notices


def _paragraph(lines: list[Line], ctx: Context) -> list[Requirement]:
    """An unnumbered paragraph, split where a sentence states a requirement of its own."""
    text = join(lines)
    groups: list[str] = []
    for sentence in re.findall(r"[^。；;]+[。；;]?", text):
        if not sentence.strip():
            continue
        if groups and not _clauses(sentence, ctx):
            groups[-1] += sentence
        else:
            groups.append(sentence)
    out = []
    for n, group in enumerate(groups, start=1):
        group = group.rstrip("；;") + ("" if group.endswith("。") else "。")
        out.append(Requirement(number=n, text=group, clauses=_clauses(group, ctx)
                               or [_other(group)], numbered=False, line=lines[0].no))
    return out


def _other(text: str) -> Clause:
    return Clause(kind="other", modality=modality_of(text) or "informational", text=text)


def _ends(line: Line) -> bool:
    return line.text.endswith(_TERMINAL) or line.text.endswith("：")


def _paragraph_end(line: Line, width: int) -> bool:
    """A line that ends a paragraph: terminal punctuation well short of the full width."""
    return line.text.endswith(_TERMINAL) and len(line.text) < width - 2


def _continues(item_lines: list[Line]) -> bool:
    """An item that opened a list with a colon takes the paragraphs that follow it."""
    return "：" in join(item_lines)
