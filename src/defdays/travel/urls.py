from django.urls import path

from defdays.travel import views

app_name = "travel"

urlpatterns = [
    path("orga/<year:year>/travel/", views.overview, name="overview"),
    path("orga/<year:year>/travel/hotels/", views.hotels, name="hotels"),
    path("orga/<year:year>/travel/<uuid:uid>/", views.edit, name="edit"),
    path("orga/<year:year>/travel/<uuid:uid>/grant/", views.grant, name="grant"),
    path("orga/<year:year>/travel/receipts/<uuid:uid>/", views.receipt, name="receipt"),
    path("me/travel/<year:year>/", views.mine, name="mine"),
]
