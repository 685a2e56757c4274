from django.urls import path

from defdays.photos import views

app_name = "photos"

urlpatterns = [
    path("<year:year>/photos/", views.gallery, name="gallery"),
    path("<year:year>/photos/<uuid:uid>/", views.image, name="image"),
    path("orga/<year:year>/photos/", views.orga_list, name="orga_list"),
    path("orga/<year:year>/photos/<id:pk>/", views.orga_photo, name="orga_photo"),
    path("orga/<year:year>/photos/<id:pk>/image/", views.orga_image, name="orga_image"),
]
