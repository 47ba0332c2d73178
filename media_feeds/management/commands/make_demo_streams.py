import shutil

from django.core.management.base import BaseCommand

from media_feeds.streams import DEMO_DIR, write_hls

# name: (video?, tone in Hz)
DEMO_STREAMS = {"tv": (True, 440), "tv-audio": (False, 440), "radio-1": (False, 523), "radio-2": (False, 659)}


class Command(BaseCommand):
    help = "Remake the demo channels' short HLS streams (media_feeds/demo_streams/) with ffmpeg."

    def handle(self, *args, **options) -> None:
        shutil.rmtree(DEMO_DIR, ignore_errors=True)
        for name, (video, tone) in DEMO_STREAMS.items():
            playlist = write_hls(DEMO_DIR / name, video=video, seconds=8, tone_hz=tone)
            self.stdout.write(f"{playlist.relative_to(DEMO_DIR.parent)}")
