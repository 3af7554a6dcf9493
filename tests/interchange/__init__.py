"""Tests of kamgen/interchange: CRM import, the spreadsheet and deck exports, calendars."""
