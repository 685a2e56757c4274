"""The 2013 programme from the seed, 2-5 April 2013 in Stockholm, published in two versions.

Public figures appear only in their public roles from the seed, as guest speakers of open sessions: Mrs Margaret
Sekaggya (UN Special Rapporteur on the situation of human rights defenders) and Mr Shin Dong-hyuk ("The Escape from
Camp 14"). Trainers and the speakers of the closed strategy sessions are fictional demo people.
"""

import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from defdays.accounts import services as account_services
from defdays.accounts.models import User
from defdays.core.roles import RoleName
from defdays.programme import seats, services, speaker_pages
from defdays.programme.models import (
    AgendaEntry,
    ProgrammeSettings,
    Room,
    ScheduleVersion,
    Session,
    SessionLink,
    SessionMaterial,
    SessionStatus,
    Speaker,
    Track,
)

ROOMS = [
    # name, capacity, closed, accessibility
    ("Plenary hall", 200, False, "Step-free entrance; induction loop; reserved seats at the front."),
    ("Strategy room", 40, True, "Step-free; quiet room next door."),
    ("Training room A", 20, True, "Step-free; lift to the first floor."),
    ("Training room B", 20, True, "Step-free; lift to the first floor."),
    ("Training room C", 25, True, "Step-free; lift to the first floor."),
    ("Foyer", 150, True, "Step-free."),
]
TRACKS = ["Capacity building", "International advocacy", "Strategy", "Award"]

# Fictional people for the closed part (demo users; no passwords).
FICTIONAL = [
    ("video-trainer", "video.trainer.demo@example.org", "Video trainer Oskar (demo)"),
    ("lobby-trainer", "lobby.trainer.demo@example.org", "Advocacy trainer Mira (demo)"),
]

GUESTS = {
    "sekaggya": ("Mrs Margaret Sekaggya", "UN Special Rapporteur on the situation of human rights defenders."),
    "shin": ("Mr Shin Dong-hyuk", "A defector from North Korea."),
    "hardh": ("Robert Hårdh", "Executive Director, Civil Rights Defenders."),
}

DIGITAL = "Training: digital security"
VIDEO = "Training: video campaigning"
LOBBY = "Training: effective lobbying"
CLINIC = "Follow-up: digital security clinic"

# Titles and abstracts of the public sessions (and the trainings) in Russian and Arabic, as the programme team
# would write them; the rest stays English and shows marked as English (core.multilingual).
TRANSLATIONS = {
    "Opening of the open session": {
        "ru": {
            "title": "Открытие открытой сессии",
            "abstract": "Открываемся 4 апреля — в день, когда в 1968 году был убит доктор Мартин Лютер Кинг.",
        },
        "ar": {
            "title": "افتتاح الجلسة المفتوحة",
            "abstract": "نفتتح في 4 أبريل، اليوم الذي اغتيل فيه الدكتور مارتن لوثر كينغ عام 1968.",
        },
    },
    "Panel: the international community and defenders at risk": {
        "ru": {
            "title": "Панель: международное сообщество и правозащитники в опасности",
            "abstract": "Панельная дискуссия с представителями международного сообщества, в том числе с г-жой "
            "Маргарет Секаггья, Специальным докладчиком ООН по вопросу о положении правозащитников.",
        },
        "ar": {
            "title": "حلقة نقاش: المجتمع الدولي والمدافعون المعرّضون للخطر",
            "abstract": "حلقة نقاش مع ممثلين عن المجتمع الدولي، بمشاركة السيدة مارغريت سيكاغيا، المقررة الخاصة "
            "للأمم المتحدة المعنية بحالة المدافعين عن حقوق الإنسان.",
        },
    },
    "Coffee break": {"ru": {"title": "Кофе-брейк"}, "ar": {"title": "استراحة قهوة"}},
    "The Escape from Camp 14": {
        "ru": {
            "title": "Побег из лагеря 14",
            "abstract": "Г-н Син Тон Хёк, перебежчик из Северной Кореи, рассказывает свою историю.",
        },
        "ar": {
            "title": "الهروب من المعسكر 14",
            "abstract": "يروي السيد شين دونغ هيوك، المنشق عن كوريا الشمالية، قصته.",
        },
    },
    "The Civil Rights Defender of the Year Award": {
        "ru": {
            "title": "Премия «Правозащитник года»",
            "abstract": "Церемония вручения премии и представление доклада о положении правозащитников в стране "
            "лауреата.",
        },
        "ar": {
            "title": "جائزة المدافع عن الحقوق المدنية لهذا العام",
            "abstract": "حفل توزيع الجائزة، وتقديم التقرير عن وضع المدافعين عن حقوق الإنسان في بلد الفائز.",
        },
    },
    "Reception and networking": {"ru": {"title": "Приём и нетворкинг"}, "ar": {"title": "حفل استقبال وتعارف"}},
    DIGITAL: {"ru": {"title": "Тренинг: цифровая безопасность"}, "ar": {"title": "تدريب: الأمن الرقمي"}},
    VIDEO: {"ru": {"title": "Тренинг: видеокампании"}, "ar": {"title": "تدريب: الحملات المصوّرة"}},
    LOBBY: {"ru": {"title": "Тренинг: эффективное лоббирование"}, "ar": {"title": "تدريب: المناصرة الفعّالة"}},
}


def _t(day, hour, minute=0):
    return day, hour, minute


# title, type, audience, track, room, (day, h, m), minutes, chatham, seat cap, speakers [(key, role, consent)], abstract
SESSIONS = [
    (
        "Welcome to the closed part",
        "plenary",
        "closed",
        None,
        "Strategy room",
        _t(2, 9),
        30,
        False,
        None,
        [("speaker", "moderator", False)],
        "Introductions, the house rules and how we keep each other safe.",
    ),
    (
        DIGITAL,
        "training",
        "closed",
        "Capacity building",
        "Training room A",
        _t(2, 9, 30),
        180,
        False,
        3,
        [("speaker", "trainer", False)],
        "Threat modelling, safer phones and messaging, protecting sources and devices at borders.",
    ),
    ("Lunch", "break", "closed", None, "Foyer", _t(2, 12, 30), 60, False, None, [], ""),
    (
        VIDEO,
        "training",
        "closed",
        "Capacity building",
        "Training room B",
        _t(2, 14),
        180,
        False,
        12,
        [("video-trainer", "trainer", True)],
        "Filming safely, consent of the people filmed, and telling a story that moves decision makers.",
    ),
    (
        "Strategy session: working under surveillance",
        "panel",
        "closed",
        "Strategy",
        "Strategy room",
        _t(2, 17, 30),
        90,
        True,
        None,
        [("speaker", "speaker", True), ("defender-1", "speaker", False)],
        "Held under the Chatham House Rule.",
    ),
    (
        LOBBY,
        "training",
        "closed",
        "International advocacy",
        "Training room C",
        _t(3, 9, 30),
        180,
        False,
        15,
        [("lobby-trainer", "trainer", True)],
        "How the UN, the EU and embassies take decisions, and how to reach the people who take them.",
    ),
    ("Lunch", "break", "closed", None, "Foyer", _t(3, 12, 30), 60, False, None, [], ""),
    (
        "Strategy session: protection networks and emergency support",
        "panel",
        "closed",
        "Strategy",
        "Strategy room",
        _t(3, 14),
        120,
        True,
        None,
        [("stakeholder-1", "speaker", False), ("defender-2", "speaker", True)],
        "Held under the Chatham House Rule.",
    ),
    ("Networking dinner", "networking", "closed", None, "Foyer", _t(3, 19), 120, False, None, [], ""),
    (
        "Strategy session: defenders in exile",
        "panel",
        "closed",
        "Strategy",
        "Strategy room",
        _t(4, 9, 30),
        120,
        True,
        None,
        [("defender-3", "speaker", False)],
        "Held under the Chatham House Rule.",
    ),
    ("Lunch", "break", "closed", None, "Foyer", _t(4, 12), 60, False, None, [], ""),
    (
        "Opening of the open session",
        "plenary",
        "open",
        None,
        "Plenary hall",
        _t(4, 13),
        15,
        False,
        None,
        [("hardh", "speaker", True)],
        "Welcome on 4 April, the date Dr Martin Luther King was murdered in 1968.",
    ),
    (
        "Panel: the international community and defenders at risk",
        "panel",
        "open",
        "International advocacy",
        "Plenary hall",
        _t(4, 13, 15),
        90,
        False,
        None,
        [("sekaggya", "speaker", True)],
        "A panel discussion with representatives of the international community, with Mrs Margaret Sekaggya, UN "
        "Special Rapporteur on the situation of human rights defenders.",
    ),
    ("Coffee break", "break", "open", None, "Plenary hall", _t(4, 14, 45), 30, False, None, [], ""),
    (
        "The Escape from Camp 14",
        "presentation",
        "open",
        None,
        "Plenary hall",
        _t(4, 15, 15),
        60,
        False,
        None,
        [("shin", "speaker", True)],
        "Mr Shin Dong-hyuk, a defector from North Korea, tells his story.",
    ),
    (
        "The Civil Rights Defender of the Year Award",
        "award",
        "open",
        "Award",
        "Plenary hall",
        _t(4, 16, 30),
        60,
        False,
        None,
        [],
        "The award ceremony, and the presentation of the report on the situation for human rights "
        "defenders in the winner's country.",
    ),
    ("Reception and networking", "networking", "open", None, "Plenary hall", _t(4, 17, 30), 90, False, None, [], ""),
    (
        CLINIC,
        "training",
        "closed",
        "Capacity building",
        "Training room A",
        _t(5, 9, 30),
        120,
        False,
        10,
        [("speaker", "trainer", False)],
        "Bring your devices: one-to-one help.",
    ),
    (
        "Closing and evaluation",
        "plenary",
        "closed",
        None,
        "Strategy room",
        _t(5, 12),
        60,
        False,
        None,
        [("speaker", "moderator", False)],
        "What worked, what did not, and how we stay in touch safely.",
    ),
]


def _speakers(ctx, edition, people):
    found = {}
    for key, (name, bio) in GUESTS.items():
        found[key] = Speaker.objects.filter(edition=edition, guest_name=name).first() or services.create_guest(
            edition, name, bio, actor=None
        )
    for key, email, public_name in FICTIONAL:
        user = User.objects.find_by_email(email) or User.objects.create_user(
            email, None, public_name=public_name, is_demo=True
        )
        account_services.grant_role(user, edition, RoleName.SPEAKER)
        people[key] = user
    for key in ("speaker", "defender-1", "defender-2", "defender-3", "stakeholder-1", "video-trainer", "lobby-trainer"):
        found[key] = services.speaker_for_user(edition, people[key])
    return found


def _start(edition, day, hour, minute):
    return datetime(2013, 4, day, hour, minute, tzinfo=edition.tz)


def _build_working_copy(ctx, edition, people):
    rooms = {}
    for position, (name, cap, closed, access) in enumerate(ROOMS):
        rooms[name], _ = Room.objects.get_or_create(
            edition=edition,
            name=name,
            defaults={"capacity": cap, "is_closed": closed, "accessibility": access, "position": position},
        )
    tracks = {name: Track.objects.get_or_create(edition=edition, name=name)[0] for name in TRACKS}
    # The rules an organiser sets on /orga/<year>/programme/settings/ (and a new edition copies).
    ProgrammeSettings.objects.get_or_create(edition=edition, defaults={"training_seats": 20, "trainings_per_person": 3})
    speakers = _speakers(ctx, edition, people)
    sessions = {}
    for title, kind, audience, track, room, (day, h, m), minutes, chatham, cap, who, abstract in SESSIONS:
        fields = dict(
            title=title,
            abstract=abstract,
            type=kind,
            audience=audience,
            track=tracks.get(track),
            room=rooms[room],
            start=_start(edition, day, h, m),
            duration=minutes,
            chatham_house=chatham,
            no_recording=chatham or audience == "closed",
            no_photos=audience == "closed",
            seat_cap=cap,
            language="English",
            interpretation="Russian, Arabic" if audience == "open" else "",
            translations=TRANSLATIONS.get(title, {}),
        )
        session = services.save_session(edition, None, fields, actor=None)
        for key, role, consent in who:
            _add_speaker(session, speakers[key], role, consent)
        sessions.setdefault(title, session)
    SessionLink.objects.create(
        session=sessions[DIGITAL],
        title="Security in-a-box (reading list)",
        url="https://example.org/reading/security-in-a-box",
    )
    return rooms, tracks, sessions


def _add_speaker(session, speaker, role, consent):
    """Guests' consent is recorded by the team; the fictional speakers give theirs as any speaker does."""
    if speaker.is_guest:
        return services.add_speaker(
            session, speaker, role=role, actor=None, consent_closed=consent, consent_public=consent
        )
    link = services.add_speaker(session, speaker, role=role, actor=None)
    if consent:
        services.speaker_set_consent(speaker.user, link=link, consent_closed=True, consent_public=True)
    return link


def build(ctx):
    edition = ctx.edition
    people = dict(ctx.users)
    if ScheduleVersion.objects.filter(edition=edition).exists():
        _notes(ctx, edition)
        return  # built before: idempotent
    with transaction.atomic():
        rooms, tracks, sessions = _build_working_copy(ctx, edition, people)
        for key in ("defender", "stakeholder"):
            for title in (VIDEO, CLINIC, "The Escape from Camp 14"):
                AgendaEntry.objects.get_or_create(user=people[key], session=sessions[title])
        AgendaEntry.objects.get_or_create(user=people["attendee"], session=sessions["The Escape from Camp 14"])
        # The first version names the open session's speakers publicly: an organiser approves it.
        services.publish(edition, "First programme", actor=people["organiser"], approve_public_names=True)
        # Training seats (they open with the publish): the digital security training is full, with a waitlist.
        for key in ("defender-1", "defender-2", "defender-3", "defender"):
            seats.book(people[key], Session.objects.get(pk=sessions[DIGITAL].pk))
        seats.book(people["stakeholder"], Session.objects.get(pk=sessions[LOBBY].pk))

        # Version 2: a moved training and reception, a room change, a cancellation and a new strategy session.
        video = sessions[VIDEO]
        services.save_session(edition, video, {"start": video.start + timedelta(minutes=30)}, actor=None)
        lobby = Session.objects.get(pk=sessions[LOBBY].pk)
        services.save_session(edition, lobby, {"room": rooms["Training room B"]}, actor=None)
        services.set_status(sessions[CLINIC], SessionStatus.CANCELLED, actor=None)
        reception = sessions["Reception and networking"]
        services.save_session(edition, reception, {"start": reception.start + timedelta(minutes=15)}, actor=None)
        new = services.save_session(
            edition,
            None,
            dict(
                title="Strategy session: documentation and evidence",
                type="panel",
                audience="closed",
                room=rooms["Strategy room"],
                start=_start(edition, 5, 9, 30),
                duration=90,
                chatham_house=True,
                no_recording=True,
                no_photos=True,
                abstract="Held under the Chatham House Rule.",
                track=tracks["Strategy"],
            ),
            actor=None,
        )
        services.add_speaker(new, people["speaker"], role="speaker", actor=None)
        services.publish(edition, "Final programme", actor=people["programme"])
        _speaker_edits(edition, people)
    _notes(ctx, edition)


def _speaker_edits(edition, people):
    """Speakers' own pages open for two months; the demo trainer has rewritten a description, added a reading
    link and a PDF handout, and given a biography: all waiting in the working copy for the next version."""
    speaker_pages.set_deadline(edition=edition, until=timezone.now() + timedelta(days=60), actor=people["programme"])
    user = people["speaker"]
    own = speaker_pages.own_sessions(user, edition)[0]
    speaker_pages.update_session(
        user=user,
        session=own,
        abstract=own.abstract + "\n\nBring a laptop you use every day; we set up encrypted messaging together.",
        expected_revision=own.revision,
    )
    speaker_pages.add_link(
        user=user, session=own, title="Threat modelling worksheet", url="https://example.org/reading/threat-model"
    )
    speaker_pages.add_file(user=user, session=own, title="Handout (demo)", upload=_demo_pdf("handout.pdf"))
    speaker_pages.update_profile(
        user=user,
        edition=edition,
        public_name="",
        bio="Trainer in digital security for human rights organisations (fictional demo speaker).",
    )


def _demo_pdf(name):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def _notes(ctx, edition):
    ctx.notes.append(
        f"Programme: /{edition.year}/schedule/ (two published versions; changes at "
        f"/{edition.year}/schedule/changes/). Signed in as the defender: /me/agenda/{edition.year}/ "
        "(a full training with a waitlist)."
    )


def url_examples(ctx) -> dict:
    year = ctx.edition.year
    session = Session.objects.filter(edition=ctx.edition, title=DIGITAL).first()
    open_session = Session.objects.filter(edition=ctx.edition, title="The Escape from Camp 14").first()
    guest = Speaker.objects.filter(edition=ctx.edition, guest_name="Mr Shin Dong-hyuk").first()
    room = Room.objects.filter(edition=ctx.edition, name="Training room A").first()
    track = Track.objects.filter(edition=ctx.edition).order_by("pk").first()
    material = SessionMaterial.objects.filter(session__edition=ctx.edition).first()
    pk = session.pk if session else 1
    slug = open_session.slug if open_session else "the-escape-from-camp-14"
    return {
        "programme:schedule_day": {"year": year, "day": 3},
        "programme:session": {"year": year, "slug": slug},
        "programme:speaker": {"year": year, "slug": guest.slug if guest else "mr-shin-dong-hyuk"},
        "programme:agenda_add": {"year": year, "slug": slug},
        "programme:agenda_remove": {"year": year, "slug": slug},
        "programme:seat_book": {"year": year, "slug": session.slug if session else "training-digital-security"},
        "programme:seat_cancel": {"year": year, "slug": session.slug if session else "training-digital-security"},
        "programme:agenda_feed": {"token": "not-a-real-token"},
        "programme:orga_session": {"year": year, "pk": pk},
        "programme:orga_session_status": {"year": year, "pk": pk},
        "programme:orga_session_speakers": {"year": year, "pk": pk},
        "programme:orga_session_speaker_remove": {"year": year, "pk": pk, "speaker": 0},
        "programme:orga_room": {"year": year, "pk": room.pk if room else 1},
        "programme:orga_room_delete": {"year": year, "pk": room.pk if room else 1},
        "programme:orga_track_delete": {"year": year, "pk": track.pk if track else 1},
        "programme:speaker_session": {"year": year, "pk": material.session_id if material else pk},
        "programme:material": {"year": year, "uid": material.uid if material else uuid.uuid4()},
    }
