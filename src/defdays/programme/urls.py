from django.urls import path

from defdays.programme import me_views, orga_views, speaker_views, views

app_name = "programme"

urlpatterns = [
    # Public (content depends on the viewer's audience)
    path("<year:year>/schedule/", views.schedule, name="schedule"),
    path("<year:year>/schedule/day/<id:day>/", views.schedule_day, name="schedule_day"),
    path("<year:year>/schedule/now/", views.schedule_now, name="schedule_now"),
    path("<year:year>/schedule/changes/", views.schedule_changes, name="schedule_changes"),
    path("<year:year>/schedule.ics", views.schedule_ics, name="schedule_ics"),
    path("<year:year>/schedule.xml", views.schedule_xml, name="schedule_xml"),
    path("<year:year>/schedule.json", views.schedule_json, name="schedule_json"),
    path("<year:year>/sessions/<slug:slug>/", views.session_detail, name="session"),
    path("<year:year>/speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    # Personal agenda, training seats, private calendar feed
    path("me/agenda/<year:year>/", me_views.agenda, name="agenda"),
    path("me/agenda/<year:year>/speaking/", me_views.speaking, name="speaking"),
    path("me/agenda/<year:year>/add/<slug:slug>/", me_views.agenda_add, name="agenda_add"),
    path("me/agenda/<year:year>/remove/<slug:slug>/", me_views.agenda_remove, name="agenda_remove"),
    path("me/agenda/<year:year>/seat/<slug:slug>/", me_views.seat_book, name="seat_book"),
    path("me/agenda/<year:year>/seat/<slug:slug>/cancel/", me_views.seat_cancel, name="seat_cancel"),
    path("me/agenda/<year:year>/feed/", me_views.feed_rotate, name="agenda_feed_rotate"),
    path("agenda/feed/<str:token>.ics", me_views.agenda_feed, name="agenda_feed"),
    # Programme team
    path("orga/<year:year>/programme/", orga_views.overview, name="orga_overview"),
    path("orga/<year:year>/programme/sessions/new/", orga_views.session_edit, name="orga_session_new"),
    path("orga/<year:year>/programme/sessions/<id:pk>/", orga_views.session_edit, name="orga_session"),
    path("orga/<year:year>/programme/sessions/<id:pk>/status/", orga_views.session_status, name="orga_session_status"),
    path(
        "orga/<year:year>/programme/sessions/<id:pk>/speakers/",
        orga_views.session_speakers,
        name="orga_session_speakers",
    ),
    path(
        "orga/<year:year>/programme/sessions/<id:pk>/speakers/<id:speaker>/remove/",
        orga_views.session_speaker_remove,
        name="orga_session_speaker_remove",
    ),
    path("orga/<year:year>/programme/rooms/", orga_views.rooms, name="orga_rooms"),
    path("orga/<year:year>/programme/rooms/<id:pk>/", orga_views.room_edit, name="orga_room"),
    path("orga/<year:year>/programme/rooms/<id:pk>/delete/", orga_views.room_delete, name="orga_room_delete"),
    path("orga/<year:year>/programme/guests/", orga_views.guests, name="orga_guests"),
    path("orga/<year:year>/programme/conflicts/", orga_views.conflict_list, name="orga_conflicts"),
    path("orga/<year:year>/programme/versions/", orga_views.versions, name="orga_versions"),
    path("orga/<year:year>/programme/sessions.csv", orga_views.sessions_csv, name="orga_csv"),
    path("orga/<year:year>/programme/tracks/", orga_views.tracks, name="orga_tracks"),
    path("orga/<year:year>/programme/tracks/<id:pk>/delete/", orga_views.track_delete, name="orga_track_delete"),
    path("orga/<year:year>/programme/settings/", orga_views.programme_settings, name="orga_settings"),
    # Speakers' own pages, what they changed, and their files
    path("me/agenda/<year:year>/speaking/profile/", speaker_views.profile, name="speaker_profile"),
    path("me/agenda/<year:year>/speaking/<id:pk>/", speaker_views.session, name="speaker_session"),
    path("orga/<year:year>/programme/speaker-edits/", speaker_views.edits, name="orga_speaker_edits"),
    path("<year:year>/materials/<uuid:uid>.pdf", speaker_views.material, name="material"),
]
