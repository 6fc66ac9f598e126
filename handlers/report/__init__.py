"""The board report and the unmet needs, platform-neutral: numbers from `store.report_queries`
turned into titled tables and chart data with every small count suppressed.

Rendering (charts, HTML, PDF) lives in `bot/report/`; the pages in `bot/admin/`.
"""
