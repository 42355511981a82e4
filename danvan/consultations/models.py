"""Lấy ý kiến Nhân dân"""
