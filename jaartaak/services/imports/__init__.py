"""Imports of CSV and XLSX files: all rows or none, every problem named by row and column."""
