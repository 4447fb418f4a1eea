"""Nationality and region reference (国籍・地域) for applicants.

One :class:`Nationality` per ISO 3166-1 country or territory (all 249), with its alpha-2 and
alpha-3 codes, the Japanese name as immigration forms and residence cards write it (中国, 韓国,
米国, 英国, ベトナム, …) and an English short name. Special rows, as on the ISA forms:

* ``TW`` 台湾, ``HK`` 中国(香港) and ``MO`` 中国(マカオ) are ISO codes with the form's names;
* ``XK`` コソボ (Kosovo) uses the user-assigned code that the EU and most registries use;
* ``XX`` 無国籍 (stateless) uses the user-assigned code ``XX`` (ISO 3166 has no code for it;
  ``XX..XZ`` are reserved for user assignment) and ICAO 9303's ``XXA`` as its alpha-3 code.

The special designation 朝鮮 on some residence cards is not a country and has no row; it is not
matched to 北朝鮮.

:func:`lookup` accepts a code (alpha-2 or alpha-3, any case), the Japanese or English name, or a
common alias (アメリカ合衆国, USA, 大韓民国, Vietnam …). Matching is NFKC, case-insensitive and
ignores spaces, punctuation, middle dots and Latin diacritics, so ``ｖｉｅｔ　ｎａｍ``,
``中国（香港）`` and ``Cote d'Ivoire`` are found.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["NATIONALITIES", "STATELESS_CODE", "Nationality", "by_code", "lookup"]

STATELESS_CODE = "XX"
"""The code of the 無国籍 (stateless) row: ISO 3166 user-assigned, not a country."""


@dataclass(frozen=True, slots=True)
class Nationality:
    """One row of the 国籍・地域 reference."""

    code: str  # ISO 3166-1 alpha-2 (or XK / XX, see the module documentation)
    alpha3: str
    name_ja: str  # as the immigration forms write it
    name_en: str
    aliases: tuple[str, ...] = ()

    def name(self, japanese: bool = True) -> str:
        """The Japanese or the English name."""
        return self.name_ja if japanese else self.name_en


# code|alpha-3|Japanese|English|aliases separated by ";". A line "+|…" adds aliases to the
# row above it.
_TABLE = """\
AF|AFG|アフガニスタン|Afghanistan|
AX|ALA|オーランド諸島|Åland Islands|
AL|ALB|アルバニア|Albania|
DZ|DZA|アルジェリア|Algeria|
AS|ASM|米領サモア|American Samoa|
AD|AND|アンドラ|Andorra|
AO|AGO|アンゴラ|Angola|
AI|AIA|アンギラ|Anguilla|
AQ|ATA|南極|Antarctica|
AG|ATG|アンティグア・バーブーダ|Antigua and Barbuda|
AR|ARG|アルゼンチン|Argentina|
AM|ARM|アルメニア|Armenia|
AW|ABW|アルバ|Aruba|
AU|AUS|オーストラリア|Australia|豪州
AT|AUT|オーストリア|Austria|
AZ|AZE|アゼルバイジャン|Azerbaijan|
BS|BHS|バハマ|Bahamas|
BH|BHR|バーレーン|Bahrain|
BD|BGD|バングラデシュ|Bangladesh|
BB|BRB|バルバドス|Barbados|
BY|BLR|ベラルーシ|Belarus|
BE|BEL|ベルギー|Belgium|
BZ|BLZ|ベリーズ|Belize|
BJ|BEN|ベナン|Benin|
BM|BMU|バミューダ諸島|Bermuda|
BT|BTN|ブータン|Bhutan|
BO|BOL|ボリビア|Bolivia|ボリビア多民族国
BQ|BES|ボネール、シント・ユースタティウス及びサバ|Bonaire, Sint Eustatius and Saba|
BA|BIH|ボスニア・ヘルツェゴビナ|Bosnia and Herzegovina|
BW|BWA|ボツワナ|Botswana|
BV|BVT|ブーベ島|Bouvet Island|
BR|BRA|ブラジル|Brazil|
IO|IOT|英領インド洋地域|British Indian Ocean Territory|
BN|BRN|ブルネイ|Brunei|Brunei Darussalam
BG|BGR|ブルガリア|Bulgaria|
BF|BFA|ブルキナファソ|Burkina Faso|
BI|BDI|ブルンジ|Burundi|
CV|CPV|カーボベルデ|Cabo Verde|Cape Verde
KH|KHM|カンボジア|Cambodia|
CM|CMR|カメルーン|Cameroon|
CA|CAN|カナダ|Canada|
KY|CYM|ケイマン諸島|Cayman Islands|
CF|CAF|中央アフリカ|Central African Republic|
TD|TCD|チャド|Chad|
CL|CHL|チリ|Chile|
CN|CHN|中国|China|中華人民共和国;People's Republic of China
CX|CXR|クリスマス島|Christmas Island|
CC|CCK|ココス諸島|Cocos (Keeling) Islands|
CO|COL|コロンビア|Colombia|
KM|COM|コモロ|Comoros|
CG|COG|コンゴ共和国|Congo|Republic of the Congo
CD|COD|コンゴ民主共和国|Congo (Democratic Republic)|Democratic Republic of the Congo;DR Congo
+|Congo, The Democratic Republic of the
CK|COK|クック諸島|Cook Islands|
CR|CRI|コスタリカ|Costa Rica|
CI|CIV|コートジボワール|Côte d'Ivoire|Ivory Coast
HR|HRV|クロアチア|Croatia|
CU|CUB|キューバ|Cuba|
CW|CUW|キュラソー|Curaçao|
CY|CYP|キプロス|Cyprus|
CZ|CZE|チェコ|Czechia|Czech Republic
DK|DNK|デンマーク|Denmark|
DJ|DJI|ジブチ|Djibouti|
DM|DMA|ドミニカ国|Dominica|
DO|DOM|ドミニカ共和国|Dominican Republic|
EC|ECU|エクアドル|Ecuador|
EG|EGY|エジプト|Egypt|
SV|SLV|エルサルバドル|El Salvador|
GQ|GNQ|赤道ギニア|Equatorial Guinea|
ER|ERI|エリトリア|Eritrea|
EE|EST|エストニア|Estonia|
SZ|SWZ|エスワティニ|Eswatini|Swaziland;スワジランド
ET|ETH|エチオピア|Ethiopia|
FK|FLK|フォークランド諸島|Falkland Islands|Falkland Islands (Malvinas)
FO|FRO|フェロー諸島|Faroe Islands|
FJ|FJI|フィジー|Fiji|
FI|FIN|フィンランド|Finland|
FR|FRA|フランス|France|
GF|GUF|仏領ギアナ|French Guiana|
PF|PYF|仏領ポリネシア|French Polynesia|
TF|ATF|仏領極南諸島|French Southern Territories|
GA|GAB|ガボン|Gabon|
GM|GMB|ガンビア|Gambia|
GE|GEO|ジョージア|Georgia|グルジア
DE|DEU|ドイツ|Germany|独国
GH|GHA|ガーナ|Ghana|
GI|GIB|ジブラルタル|Gibraltar|
GR|GRC|ギリシャ|Greece|ギリシア
GL|GRL|グリーンランド|Greenland|
GD|GRD|グレナダ|Grenada|
GP|GLP|グアドループ|Guadeloupe|
GU|GUM|グアム|Guam|
GT|GTM|グアテマラ|Guatemala|
GG|GGY|ガーンジー|Guernsey|
GN|GIN|ギニア|Guinea|
GW|GNB|ギニアビサウ|Guinea-Bissau|
GY|GUY|ガイアナ|Guyana|
HT|HTI|ハイチ|Haiti|
HM|HMD|ハード島・マクドナルド諸島|Heard Island and McDonald Islands|
VA|VAT|バチカン|Holy See|Vatican;Vatican City;バチカン市国;Holy See (Vatican City State)
HN|HND|ホンジュラス|Honduras|
HK|HKG|中国(香港)|Hong Kong (China)|香港;Hong Kong;Hong Kong SAR;香港(中国)
HU|HUN|ハンガリー|Hungary|
IS|ISL|アイスランド|Iceland|
IN|IND|インド|India|
ID|IDN|インドネシア|Indonesia|
IR|IRN|イラン|Iran|Iran, Islamic Republic of;イラン・イスラム共和国
IQ|IRQ|イラク|Iraq|
IE|IRL|アイルランド|Ireland|
IM|IMN|マン島|Isle of Man|
IL|ISR|イスラエル|Israel|
IT|ITA|イタリア|Italy|
JM|JAM|ジャマイカ|Jamaica|
JP|JPN|日本|Japan|
JE|JEY|ジャージー|Jersey|
JO|JOR|ヨルダン|Jordan|
KZ|KAZ|カザフスタン|Kazakhstan|
KE|KEN|ケニア|Kenya|
KI|KIR|キリバス|Kiribati|
KP|PRK|北朝鮮|North Korea|朝鮮民主主義人民共和国;Korea, Democratic People's Republic of;DPRK
KR|KOR|韓国|South Korea|大韓民国;Korea, Republic of;Republic of Korea;ROK
KW|KWT|クウェート|Kuwait|
KG|KGZ|キルギス|Kyrgyzstan|キルギスタン;Kyrgyz Republic
LA|LAO|ラオス|Laos|Lao People's Democratic Republic;Lao PDR
LV|LVA|ラトビア|Latvia|
LB|LBN|レバノン|Lebanon|
LS|LSO|レソト|Lesotho|
LR|LBR|リベリア|Liberia|
LY|LBY|リビア|Libya|
LI|LIE|リヒテンシュタイン|Liechtenstein|
LT|LTU|リトアニア|Lithuania|
LU|LUX|ルクセンブルク|Luxembourg|
MO|MAC|中国(マカオ)|Macao (China)|マカオ;澳門;Macao;Macau;マカオ(中国)
MG|MDG|マダガスカル|Madagascar|
MW|MWI|マラウイ|Malawi|
MY|MYS|マレーシア|Malaysia|
MV|MDV|モルディブ|Maldives|
ML|MLI|マリ|Mali|
MT|MLT|マルタ|Malta|
MH|MHL|マーシャル諸島|Marshall Islands|
MQ|MTQ|マルティニーク|Martinique|
MR|MRT|モーリタニア|Mauritania|
MU|MUS|モーリシャス|Mauritius|
YT|MYT|マヨット|Mayotte|
MX|MEX|メキシコ|Mexico|
FM|FSM|ミクロネシア|Micronesia|Micronesia, Federated States of;ミクロネシア連邦
MD|MDA|モルドバ|Moldova|Republic of Moldova
MC|MCO|モナコ|Monaco|
MN|MNG|モンゴル|Mongolia|
ME|MNE|モンテネグロ|Montenegro|
MS|MSR|モントセラト|Montserrat|
MA|MAR|モロッコ|Morocco|
MZ|MOZ|モザンビーク|Mozambique|
MM|MMR|ミャンマー|Myanmar|Burma;ビルマ
NA|NAM|ナミビア|Namibia|
NR|NRU|ナウル|Nauru|
NP|NPL|ネパール|Nepal|
NL|NLD|オランダ|Netherlands|Holland
NC|NCL|ニューカレドニア|New Caledonia|
NZ|NZL|ニュージーランド|New Zealand|
NI|NIC|ニカラグア|Nicaragua|
NE|NER|ニジェール|Niger|
NG|NGA|ナイジェリア|Nigeria|
NU|NIU|ニウエ|Niue|
NF|NFK|ノーフォーク島|Norfolk Island|
MK|MKD|北マケドニア|North Macedonia|Macedonia;マケドニア
MP|MNP|北マリアナ諸島|Northern Mariana Islands|
NO|NOR|ノルウェー|Norway|
OM|OMN|オマーン|Oman|
PK|PAK|パキスタン|Pakistan|
PW|PLW|パラオ|Palau|
PS|PSE|パレスチナ|Palestine|Palestine, State of
PA|PAN|パナマ|Panama|
PG|PNG|パプアニューギニア|Papua New Guinea|
PY|PRY|パラグアイ|Paraguay|
PE|PER|ペルー|Peru|
PH|PHL|フィリピン|Philippines|比国
PN|PCN|ピトケアン諸島|Pitcairn|
PL|POL|ポーランド|Poland|
PT|PRT|ポルトガル|Portugal|
PR|PRI|プエルトリコ|Puerto Rico|
QA|QAT|カタール|Qatar|
RE|REU|レユニオン|Réunion|
RO|ROU|ルーマニア|Romania|
RU|RUS|ロシア|Russia|Russian Federation;ロシア連邦
RW|RWA|ルワンダ|Rwanda|
BL|BLM|サン・バルテルミー|Saint Barthélemy|
SH|SHN|セントヘレナ|Saint Helena, Ascension and Tristan da Cunha|
+|セントヘレナ・アセンション及びトリスタンダクーニャ;Saint Helena
KN|KNA|セントクリストファー・ネービス|Saint Kitts and Nevis|
LC|LCA|セントルシア|Saint Lucia|
MF|MAF|サン・マルタン(フランス領)|Saint Martin (French part)|
PM|SPM|サンピエール島・ミクロン島|Saint Pierre and Miquelon|
VC|VCT|セントビンセント及びグレナディーン諸島|Saint Vincent and the Grenadines|
WS|WSM|サモア|Samoa|
SM|SMR|サンマリノ|San Marino|
ST|STP|サントメ・プリンシペ|Sao Tome and Principe|
SA|SAU|サウジアラビア|Saudi Arabia|
SN|SEN|セネガル|Senegal|
RS|SRB|セルビア|Serbia|
SC|SYC|セーシェル|Seychelles|
SL|SLE|シエラレオネ|Sierra Leone|
SG|SGP|シンガポール|Singapore|
SX|SXM|シント・マールテン(オランダ領)|Sint Maarten (Dutch part)|
SK|SVK|スロバキア|Slovakia|
SI|SVN|スロベニア|Slovenia|
SB|SLB|ソロモン諸島|Solomon Islands|
SO|SOM|ソマリア|Somalia|
ZA|ZAF|南アフリカ|South Africa|南アフリカ共和国
GS|SGS|サウスジョージア・サウスサンドウィッチ諸島|South Georgia and the South Sandwich Islands|
SS|SSD|南スーダン|South Sudan|
ES|ESP|スペイン|Spain|
LK|LKA|スリランカ|Sri Lanka|
SD|SDN|スーダン|Sudan|
SR|SUR|スリナム|Suriname|
SJ|SJM|スバールバル諸島・ヤンマイエン島|Svalbard and Jan Mayen|
SE|SWE|スウェーデン|Sweden|
CH|CHE|スイス|Switzerland|
SY|SYR|シリア|Syria|Syrian Arab Republic
TW|TWN|台湾|Taiwan|
TJ|TJK|タジキスタン|Tajikistan|
TZ|TZA|タンザニア|Tanzania|Tanzania, United Republic of
TH|THA|タイ|Thailand|
TL|TLS|東ティモール|Timor-Leste|East Timor
TG|TGO|トーゴ|Togo|
TK|TKL|トケラウ|Tokelau|
TO|TON|トンガ|Tonga|
TT|TTO|トリニダード・トバゴ|Trinidad and Tobago|
TN|TUN|チュニジア|Tunisia|
TR|TUR|トルコ|Türkiye|Turkey
TM|TKM|トルクメニスタン|Turkmenistan|
TC|TCA|タークス・カイコス諸島|Turks and Caicos Islands|
TV|TUV|ツバル|Tuvalu|
UG|UGA|ウガンダ|Uganda|
UA|UKR|ウクライナ|Ukraine|
AE|ARE|アラブ首長国連邦|United Arab Emirates|UAE
GB|GBR|英国|United Kingdom|イギリス;UK;Great Britain
+|United Kingdom of Great Britain and Northern Ireland
UM|UMI|合衆国領有小離島|United States Minor Outlying Islands|
US|USA|米国|United States|アメリカ合衆国;アメリカ;United States of America;US
UY|URY|ウルグアイ|Uruguay|
UZ|UZB|ウズベキスタン|Uzbekistan|
VU|VUT|バヌアツ|Vanuatu|
VE|VEN|ベネズエラ|Venezuela|ベネズエラ・ボリバル共和国
VN|VNM|ベトナム|Viet Nam|Vietnam;ヴィエトナム
VG|VGB|英領ヴァージン諸島|Virgin Islands (British)|British Virgin Islands
+|Virgin Islands, British
VI|VIR|米領ヴァージン諸島|Virgin Islands (U.S.)|US Virgin Islands;Virgin Islands, U.S.
WF|WLF|ウォリス・フツナ|Wallis and Futuna|
EH|ESH|西サハラ|Western Sahara|
YE|YEM|イエメン|Yemen|
ZM|ZMB|ザンビア|Zambia|
ZW|ZWE|ジンバブエ|Zimbabwe|
XK|XKX|コソボ|Kosovo|RKS
XX|XXA|無国籍|Stateless|無国籍者;Stateless person
"""

_PUNCTUATION = frozenset(" .,'’‘`\"-‐–—_()[]・·･、。&/")


def _key(text: str) -> str:
    """Normalise text for matching: NFKC, case-fold, no punctuation, no Latin diacritics."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    kept: list[str] = []
    for char in decomposed:
        # Drop accents on Latin letters only: kana voicing marks decompose too and must stay.
        if unicodedata.combining(char) and kept and kept[-1] < "\u0250":
            continue
        if char in _PUNCTUATION or char.isspace():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _parse_table(table: str) -> tuple[Nationality, ...]:
    rows: list[Nationality] = []
    for line in table.splitlines():
        if not line.strip():
            continue
        fields = line.split("|")
        if fields[0] == "+":
            last = rows.pop()
            more = tuple(a for a in fields[1].split(";") if a)
            rows.append(
                Nationality(last.code, last.alpha3, last.name_ja, last.name_en, last.aliases + more)
            )
            continue
        code, alpha3, name_ja, name_en, aliases = fields
        rows.append(
            Nationality(code, alpha3, name_ja, name_en, tuple(a for a in aliases.split(";") if a))
        )
    return tuple(rows)


def _build_index(rows: tuple[Nationality, ...]) -> dict[str, Nationality]:
    index: dict[str, Nationality] = {}
    for row in rows:
        for text in (row.code, row.alpha3, row.name_ja, row.name_en, *row.aliases):
            key = _key(text)
            other = index.setdefault(key, row)
            if other is not row:
                raise RuntimeError(f"nationality key {key!r} names {other.code} and {row.code}")
    return index


NATIONALITIES: tuple[Nationality, ...] = _parse_table(_TABLE)
"""Every row, ordered by English name, with 無国籍 last."""

_BY_CODE: dict[str, Nationality] = {}
for _row in NATIONALITIES:
    _BY_CODE[_row.code] = _row
    _BY_CODE[_row.alpha3] = _row
_INDEX = _build_index(NATIONALITIES)


def by_code(code: str) -> Nationality | None:
    """The row with this alpha-2 or alpha-3 code (any case, full-width allowed), else ``None``."""
    return _BY_CODE.get(unicodedata.normalize("NFKC", code).strip().upper())


def lookup(text: str) -> Nationality | None:
    """Find a nationality by code, Japanese or English name or alias; ``None`` if unknown.

    Blank text gives ``None``.
    """
    key = _key(text)
    if not key:
        return None
    return _INDEX.get(key)
