"""Công khai thông tin"""
