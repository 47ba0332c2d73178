"""Small HLS streams made with ffmpeg: the demo's channels (`manage.py make_demo_streams`, kept in the repository so
`make run` needs no ffmpeg) and the streams the browser tests play, generated at test time."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent / "demo_streams"


def ffmpeg_path() -> str | None:
    return shutil.which("ffmpeg")


def write_hls(directory: Path, *, video: bool, seconds: int = 12, tone_hz: int = 440, label: str = "") -> Path:
    """An HLS stream of `seconds` (2-second segments): a test picture with a tone, or the tone alone (AAC, as
    radio stations send it). Returns the playlist's path."""
    ffmpeg = ffmpeg_path()
    if not ffmpeg:
        raise RuntimeError("ffmpeg is needed to make HLS streams (Debian package ffmpeg)")
    directory.mkdir(parents=True, exist_ok=True)
    playlist = directory / "index.m3u8"
    inputs = ["-f", "lavfi", "-i", f"sine=frequency={tone_hz}:sample_rate=22050:duration={seconds}"]
    if video:
        inputs = ["-f", "lavfi", "-i", f"testsrc2=size=320x180:rate=10:duration={seconds}"] + inputs
        codecs = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "38", "-g", "20", "-pix_fmt", "yuv420p"]
        codecs += ["-profile:v", "baseline"]
    else:
        codecs = []
    codecs += ["-c:a", "aac", "-b:a", "32k", "-ac", "1"]
    command = [ffmpeg, "-loglevel", "error", "-y", *inputs, *codecs, "-shortest"]
    command += ["-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_segment_filename"]
    command += [str(directory / "seg%03d.ts"), str(playlist)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return playlist
