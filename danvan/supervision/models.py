"""Nhân dân giám sát"""
