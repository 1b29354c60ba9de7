"""Suomi.fi Palvelutietovaranto (PTV), the national service registry: provider records made
from its data (``digituki ptv import``) and our records compared with it (``digituki ptv
check``); ``fetch`` reads its public Open API."""
