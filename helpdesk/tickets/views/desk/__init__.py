"""The staff desk's ticket views, /desk/. Each module holds one page and what is sent
from it; all of them fetch through the policies and write through the actions."""
