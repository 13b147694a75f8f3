"""What the plot scripts share: the command line (OUT.h5 [PNG]) and a matplotlib that draws without a display."""
import sys

import matplotlib

matplotlib.use("Agg")


def input_and_png(usage, suffix):
    """OUT.h5 from argv (or exit with `usage`), and the PNG to write: argv[2], else OUT-<suffix>.png."""
    if len(sys.argv) < 2:
        sys.exit(usage)
    path = sys.argv[1]
    png = sys.argv[2] if len(sys.argv) > 2 else path.rsplit(".h5", 1)[0] + f"-{suffix}.png"
    return path, png
