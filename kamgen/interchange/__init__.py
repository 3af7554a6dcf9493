"""Data in from a CRM and plans out to the meeting room: import, spreadsheet, slides, calendars.

This layer reads the model (and, for import, writes dossiers); it imports no MkDocs.
"""
