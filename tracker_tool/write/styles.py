"""Every colour and cell format the writers use, in one place.

Colours were chosen to read in greyscale print as well as on screen: errors darkest, then
warnings, then the neutral header fills.
"""

ERROR_FILL = "#F4B6B6"
ESCALATION_FILL = "#F8CBAD"
WARNING_FILL = "#FFE699"
OK_FILL = "#E2EFDA"
HEADER_FILL = "#D9E1F2"
LOCKED_FILL = "#F2F2F2"
OVERDUE_FILL = "#F8CBAD"
MISSING_FILL = "#FFE699"
DATE_FORMAT = "dd/mm/yyyy"

HEADER = {"bold": True, "text_wrap": True, "valign": "top", "bg_color": HEADER_FILL,
          "border": 1, "border_color": "#8EA9DB", "font_size": 10}
BAND = {"bold": True, "font_color": "#FFFFFF", "align": "left", "valign": "vcenter",
        "font_size": 10}
KEY_ROW = {"font_color": "#A6A6A6", "font_size": 8}
TITLE = {"bold": True, "font_size": 16, "font_color": "#1F4E79"}
SUBTITLE = {"italic": True, "font_color": "#595959"}
WRAP = {"text_wrap": True, "valign": "top"}
TOP = {"valign": "top"}
LABEL = {"bold": True, "valign": "top"}
BIG_NUMBER = {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter",
              "border": 1, "border_color": "#BFBFBF"}
MISSING_BORDER = "#C00000"
#: RAG ratings, coloured by conditional formatting: strong enough to tell apart in greyscale.
RAG_RED = "#FF7C80"
RAG_AMBER = "#FFC000"
RAG_GREEN = "#A9D08E"
