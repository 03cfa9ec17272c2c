"""The batch review report (one self-contained HTML page) and the rule playground (``serve``)."""

from __future__ import annotations

from cleantext.report.auditfile import (
    AUDIT_NAME,
    AuditSource,
    audit_record,
    read_audit,
    records_for_manifest,
    write_audit_record,
)
from cleantext.report.page import build_report

__all__ = ["AUDIT_NAME", "AuditSource", "audit_record", "build_report", "read_audit", "records_for_manifest",
           "write_audit_record"]
