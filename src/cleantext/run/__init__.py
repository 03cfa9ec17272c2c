"""Folders and streams: discovery, worker processes, the manifest, safe writes."""
