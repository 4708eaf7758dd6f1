"""Shared hypothesis strategies for govreport's tests."""
from __future__ import annotations

from hypothesis import strategies as st

# ---------------------------------------------------------------- report-like text (document model)
CN_NUMERALS = "一二三四五六七八九十"
# Han characters that never start a heading marker (no numerals, no 第)
SAFE_HAN = "发展经济社会建设改革创新推进加快提高完善坚持城乡生态文明民生就业教育医疗产业项目投资消费市场"
SPACES = ["", "\u3000\u3000", "    ", "\u2002", "\u00a0"]


def cn_number(n: int) -> str:
    """1..99 as written in headings: 一 … 十 … 十二 … 二十三."""
    if n < 10:
        return CN_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens - 1]) + "十" + ("" if ones == 0 else CN_NUMERALS[ones - 1])


han_words = st.text(alphabet=SAFE_HAN, min_size=2, max_size=12)
sentences = st.builds(lambda words, end: "，".join(words) + end,
                      st.lists(han_words, min_size=1, max_size=4), st.sampled_from(["。", "！", "；", "。"]))
paragraphs = st.builds("".join, st.lists(sentences, min_size=1, max_size=4)).map(lambda s: s if s[-1] != "；" else s + "。")
titles = st.builds("，".join, st.lists(han_words, min_size=1, max_size=3))


@st.composite
def report_texts(draw):
    """(text, headings): a report-like text and the (path, number, title) of every heading in it."""
    year = draw(st.integers(2000, 2030))
    full = draw(st.booleans())
    brackets = draw(st.sampled_from([("（", "）"), ("(", ")")]))
    lines: list[str] = []
    headings: list[tuple[tuple[int, ...], str, str]] = []
    lines.append(draw(st.sampled_from(["政府工作报告", f"{year}年政府工作报告", "政 府 工 作 报 告"])))
    lines.append(f"——{year}年3月5日在某地第一届人民代表大会第二次会议上")
    lines.append("某地人民政府县长 张三")
    lines.append("各位代表：")
    lines.append(draw(paragraphs))
    for i in range(1, draw(st.integers(1, 4)) + 1):
        number = f"{cn_number(i)}、"
        title = draw(titles)
        headings.append(((i,), number, title))
        lines.append(number + title)
        lines.extend(draw(st.lists(paragraphs, max_size=2)))
        for j in range(1, draw(st.integers(0, 4)) + 1):
            number = f"{brackets[0]}{cn_number(j)}{brackets[1]}"
            title = draw(titles)
            headings.append(((i, j), number, title))
            if draw(st.booleans()):  # inline heading: title is the first sentence
                lines.append(number + title + "。" + draw(paragraphs))
            else:
                lines.append(number + title)
                lines.extend(draw(st.lists(paragraphs, max_size=2)))
            for k in range(1, draw(st.integers(0, 3)) + 1):
                number = f"{k}{draw(st.sampled_from(['.', '、', '．']))}"
                title = draw(titles)
                headings.append(((i, j, k), number, title))
                lines.append(number + title + "。" + draw(paragraphs))
    lines.append("各位代表！" + draw(paragraphs) + "让我们团结奋斗！")
    indent = draw(st.sampled_from(SPACES))
    sep = draw(st.sampled_from(["\n", "\r\n", "\n\n", "\r\n\u3000\r\n"]))
    text = sep.join(indent + line for line in lines) + sep
    if not full:
        text = "首页 > 要闻\n来源：某某日报\n" + text + "相关报道：\n某某新闻\n"
    return text, headings


# ---------------------------------------------------------------- numbers (govreport.numbers)
from decimal import Decimal  # noqa: E402

#: integers a report can write, up to 10^16
integers = st.integers(min_value=0, max_value=10**16)

#: non-negative decimals with up to 6 places
decimals = st.builds(
    lambda whole, frac, places: Decimal(whole) + Decimal(frac).scaleb(-places),
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=999_999),
    st.integers(min_value=1, max_value=6),
)

#: (magnitude as written, its factor) for Arabic-with-万/亿 forms
magnitudes = st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千万", 10**7),
                              ("百万", 10**6), ("十万", 10**5), ("千亿", 10**11)])


@st.composite
def arabic_with_magnitude(draw) -> tuple[str, Decimal]:
    """('32.4万', Decimal('324000')): an Arabic numeral with a magnitude, and its value."""
    whole = draw(st.integers(min_value=1, max_value=99_999))
    places = draw(st.integers(min_value=0, max_value=3))
    frac = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    mag, factor = draw(magnitudes)
    number = Decimal(whole) + Decimal(frac).scaleb(-places) if places else Decimal(whole)
    text = f"{whole}.{frac:0{places}d}{mag}" if places else f"{whole}{mag}"
    return text, number * factor


FULL_WIDTH_DIGITS = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


def full_width(text: str) -> str:
    """``text`` with its ASCII digits, point, comma and minus in full width (１，２５０．５)."""
    return text.translate(FULL_WIDTH_DIGITS)


#: Unicode format characters (category Cf) a scraped page carries: zero-width space and joiners, word
#: joiner, bidi marks and overrides, the BOM
FORMAT_CHARACTERS = "\u200b\u200c\u200d\u200e\u200f\u2060\u202a\u202c\u202e\u2066\u2069\ufeff\u00ad"

#: text that looks like a report's figures: numerals, units, qualifiers and punctuation mixed in
report_alphabet = st.sampled_from(list(
    "0123456789０１２３４５６７８９.．,，/%％‰-－—～~至到"
    "〇零一二三四五六七八九十百千万亿两兩壹贰參萬億点點負幾個几廿俩半"
    "元人户家个所座亩吨天年月日次倍分之第届近超约余多以上内下左右角块毛克米每小时于和与间"
    "十三五一带路“”、。（）()GDabckm$￥ 　\n" + FORMAT_CHARACTERS
))
report_like_text = st.text(report_alphabet, max_size=200) | st.text(max_size=100)


# ---------------------------------------------------------------- facts (extraction)
#: arbitrary text with the characters extraction reacts to: names, figures, units, punctuation
fact_noise = st.text(
    alphabet="地区生产总值增长下降年均累计达到超近约左右以上以内亿万元人%％.．0123456789〇一二三四五六七八九十百千、，,。；：:（）()“”到至—－-十三五四 \n各位代表",
    max_size=300,
)


@st.composite
def stated_figures(draw):
    """(sentence, value, unit): a name of a level in 元 stated with a figure in 亿元 or 万元."""
    name = draw(st.sampled_from(["一般公共预算收入", "固定资产投资", "社会消费品零售总额", "全口径税收"]))
    verb = draw(st.sampled_from(["", "达到", "完成", "达", "实现"]))
    whole = draw(st.integers(min_value=1, max_value=99999))
    frac = draw(st.integers(min_value=0, max_value=9))
    magnitude, factor = draw(st.sampled_from([("亿", 10**8), ("万", 10**4)]))
    written = f"{whole}.{frac}" if frac else str(whole)
    return f"{name}{verb}{written}{magnitude}元", Decimal(written) * factor, "元"


# ---------------------------------------------------------------- invisible characters (hostile input)
#: format characters (Unicode Cf) scraped pages carry inside words and figures: zero-width
#: space, non-joiner and joiner, word joiner, BOM, soft hyphen, bidi marks, embeddings,
#: overrides and isolates, and a tag character; plus the stray NUL and DEL of bad exports
FORMAT_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f",
                "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                "\u2069", "\U000e0041")
CONTROL_CHARS = ("\x00", "\x7f", "\x1b")
invisible_chars = st.sampled_from(FORMAT_CHARS + CONTROL_CHARS)


@st.composite
def sprinkled(draw, text: str, *, max_inserts: int = 12) -> str:
    """``text`` with invisible characters inserted at random places (never inside a CRLF)."""
    chars = list(text)
    for _ in range(draw(st.integers(min_value=1, max_value=max_inserts))):
        where = draw(st.integers(min_value=0, max_value=len(chars)))
        if 0 < where < len(chars) and chars[where - 1] == "\r" and chars[where] == "\n":
            continue
        chars.insert(where, draw(invisible_chars))
    return "".join(chars)


#: report-like figures text with invisible characters among the characters extraction reacts to
fact_noise_with_invisibles = st.text(
    alphabet=st.sampled_from(list("地区生产总值增长下降年均亿万元人%.0123456789一二十、，。：（）到至各位代表\n")
                             + list(FORMAT_CHARS + CONTROL_CHARS)),
    max_size=300,
)
