"""Nhân dân bàn và quyết định"""
