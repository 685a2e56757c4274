"""The 2013 open session, 4 April 2013 in the afternoon, Stockholm: full, with a short waitlist.

The bookings are fictional (marked demo, addresses at example.org) and get no manage link or email. A waitlist
exists only when every seat is taken, so "nearly full with a waitlist" shows as: 120 seats, 120 confirmed,
3 waitlisted, 2 cancelled (whose seats went to the first two in line).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from defdays.core.crypto import email_index
from defdays.core.models import DataKey
from defdays.opensession.models import Booking, OpenSession
from defdays.opensession.services import create_open_session
from defdays.seats import capacity

TITLE = "Defenders' Days 2013: the open session"
DESCRIPTION = (
    "The open part of the main conference day, open to everyone. A panel discussion with representatives of the "
    "international community, including the UN Special Rapporteur on the situation of human rights defenders, "
    "and the presentation \u201cThe Escape from Camp 14\u201d by a defector from North Korea. The programme "
    "page lists each session."
)
TRANSLATIONS = {
    "ru": {
        "title": "Дни правозащитников 2013: открытая сессия",
        "description": (
            "Открытая часть главного дня конференции, открытая для всех. Панельная дискуссия с представителями "
            "международного сообщества, в том числе со Специальным докладчиком ООН по вопросу о положении "
            "правозащитников, и презентация «Побег из лагеря 14» перебежчика из Северной Кореи. Все сессии "
            "перечислены на странице программы."
        ),
        "place": "Стокгольм (место будет объявлено)",
    },
    "ar": {
        "title": "أيام المدافعين 2013: الجلسة المفتوحة",
        "description": (
            "الجزء المفتوح من اليوم الرئيسي للمؤتمر، مفتوح للجميع. حلقة نقاش مع ممثلين عن المجتمع الدولي، بمن "
            "فيهم المقرر الخاص للأمم المتحدة المعني بحالة المدافعين عن حقوق الإنسان، وعرض «الهروب من المعسكر 14» "
            "يقدّمه منشق عن كوريا الشمالية. تسرد صفحة البرنامج كل الجلسات."
        ),
        "place": "ستوكهولم (يُعلن المكان لاحقًا)",
    },
}
SEATS = 120
SIGN_UPS = 125  # 120 confirmed, 5 waitlisted; then 2 cancel and the first 2 in line move up
CANCELLED = (7, 42)

FIRST = [
    "Alva",
    "Bruno",
    "Cleo",
    "Dag",
    "Elin",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kaisa",
    "Leo",
    "Maja",
    "Nils",
    "Olga",
    "Per",
    "Rut",
    "Sami",
    "Tova",
    "Ulf",
    "Vera",
    "Wilma",
    "Yusuf",
    "Zara",
    "Aron",
]
LAST = ["Berglund", "Dahl", "Ek", "Falk", "Holm"]


def _demo_name(n: int) -> str:
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"


def _demo_email(n: int) -> str:
    return f"open-guest-{n:03d}@example.org"


def session_of(edition):
    return OpenSession.objects.filter(edition=edition, title=TITLE).first()


@transaction.atomic
def build(ctx):
    edition = ctx.edition
    tz = ZoneInfo(edition.time_zone)
    facts = dict(
        description=DESCRIPTION,
        place="Stockholm (venue to be announced)",
        starts_at=datetime(2013, 4, 4, 13, 0, tzinfo=tz),
        ends_at=datetime(2013, 4, 4, 17, 30, tzinfo=tz),
        translations=TRANSLATIONS,
    )
    session = session_of(edition)
    if session is None:
        session = create_open_session(edition, title=TITLE, seats=SEATS, **facts)
    else:  # a second run refreshes the texts, keeps the bookings
        OpenSession.objects.filter(pk=session.pk).update(**facts)
    if Booking.objects.filter(open_session=session).exists():
        ctx.notes.append(f"Open session: /{edition.year}/open-session/ (demo bookings already there).")
        return
    bookings = []
    for n in range(1, SIGN_UPS + 1):
        booking = Booking(
            open_session=session,
            language="sv" if n % 4 == 0 else "en",
            email_index=email_index(_demo_email(n)),
            is_demo=True,
        )
        booking.data_key = DataKey.create()
        booking.email, booking.name = _demo_email(n), _demo_name(n)
        booking.save()
        capacity.claim(session.capacity_id, booking.holder)
        bookings.append(booking)
    for n in CANCELLED:
        capacity.release(session.capacity_id, bookings[n - 1].holder)
    c = capacity.counts(session.capacity_id)
    ctx.notes.append(
        f"Open session: /{edition.year}/open-session/ ({c.confirmed} of {c.total} seats confirmed, "
        f"{c.waitlisted} waitlisted, {c.cancelled} cancelled; fictional demo bookings). "
        f"Organisers: /orga/{edition.year}/open-session/"
    )


def url_examples(ctx) -> dict[str, dict]:
    session = session_of(ctx.edition)
    examples = {
        # A well-formed token that opens nothing: every viewer gets the same 404.
        "opensession:manage": {"year": ctx.edition.year, "token": "D" * 43},
    }
    if session is not None:
        examples["opensession:export"] = {"year": ctx.edition.year, "pk": session.pk}
        examples["opensession:orga_details"] = {"year": ctx.edition.year, "pk": session.pk}
    return examples
