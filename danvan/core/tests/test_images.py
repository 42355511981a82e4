"""Photos served resized (core.images): the width a page asks, the camera's orientation, one
copy per width, and nothing for what is not a readable, unsealed photo."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory
from PIL import Image

from danvan.conftest import World
from danvan.core import images
from danvan.core.models import Attachment


def jpeg(width: int, height: int, *, orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    photo = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    photo.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(
    world: World, content: bytes, *, mime: str = "image/jpeg", encrypted: bool = False
) -> Attachment:
    return Attachment.objects.create(
        file=ContentFile(content, name="anh.jpg"),
        original_name="anh.jpg",
        mime_type=mime,
        size=len(content),
        sha256=f"{len(content):064x}",
        commune=world.commune,
        owner_type=ContentType.objects.get_for_model(Attachment),
        owner_id=1,
        encrypted=encrypted,
    )


def served(response) -> Image.Image:  # type: ignore[no-untyped-def]
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize(
    ("asked", "width"),
    [("", 640), ("100", 320), ("641", 1280), ("99999", 1280), ("-3", 320), ("abc", 640)],
)
def test_the_width_asked_is_snapped_to_the_widths_served(asked: str, width: int) -> None:
    assert images.photo_width(RequestFactory().get("/", {"w": asked})) == width


@pytest.mark.django_db
def test_a_camera_photo_is_served_as_a_small_webp_kept_for_the_next_reader(
    world: World, media: Path
) -> None:
    a = stored(world, jpeg(3000, 2000))
    response = images.photo_response(a, 640, public=True)
    photo = served(response)
    assert (photo.format, photo.size) == ("WEBP", (640, 427))
    assert response["Cache-Control"] == "public, max-age=86400"
    name = images.resized_name(a, 640)
    assert default_storage.exists(name)
    # The second reader gets the kept copy: the original is no longer read.
    a.file.delete(save=False)
    assert served(images.photo_response(a, 640)).size == (640, 427)


@pytest.mark.django_db
def test_a_photo_turned_by_its_camera_is_shown_upright(world: World, media: Path) -> None:
    # Orientation 6: the sensor's landscape is a portrait photo.
    a = stored(world, jpeg(800, 400, orientation=6))
    assert served(images.photo_response(a, 320)).size == (320, 640)


@pytest.mark.django_db
def test_a_small_photo_is_not_enlarged(world: World, media: Path) -> None:
    a = stored(world, jpeg(200, 100))
    assert served(images.photo_response(a, 1280)).size == (200, 100)


@pytest.mark.django_db
def test_what_is_no_readable_unsealed_photo_is_not_found(world: World, media: Path) -> None:
    with pytest.raises(Http404):
        images.photo_response(None, 640)
    with pytest.raises(Http404):
        images.photo_response(stored(world, b"%PDF-1.4 ...", mime="application/pdf"), 640)
    with pytest.raises(Http404):
        images.photo_response(stored(world, jpeg(100, 100), encrypted=True), 640)
    with pytest.raises(Http404):
        images.photo_response(stored(world, b"\xff\xd8\xff not really a jpeg"), 640)
