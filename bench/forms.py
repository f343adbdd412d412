"""Benchmark: IWO fills + flattens per second on one core.

    python bench/forms.py [N]        (default N=200; median of 5 runs)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen.pdfforms import FORMS_DIR, PdfForm  # noqa: E402

SAMPLE = {
    "type_original": True, "date": "2025-06-02", "sender_court": True,
    "state_tribe_territory": "Illinois", "city_county_dist_tribe": "Sangamon County",
    "remittance_id": "2025 D 004512", "order_id": "2025 D 004512", "case_id": "2025 D 004512",
    "employer_name": "Prairie Freight LLC", "employer_fein": "37-1234567",
    "employer_address": "3100 Stevenson Dr\nSpringfield, IL 62703",
    "obligor_name": "Lopez, Daniel", "obligor_ssn": "123-45-6789", "obligor_dob": "1988-09-30",
    "obligee_name": "Lopez, Maria",
    "child_1_name": "Lopez, Sofia", "child_1_dob": "2015-02-17",
    "child_2_name": "Lopez, Mateo", "child_2_dob": "2018-11-03",
    "order_state_tribe": "Illinois", "order_entry_date": "2025-06-02",
    "current_child_support_amount": "812.34", "current_child_support_per": "month",
    "past_due_child_support_amount": "150.00", "past_due_child_support_per": "month",
    "arrears_over_12_weeks_no": True,
    "total_amount": "962.34", "total_per": "month", "support_termination_date": "2036-05-31",
    "withhold_weekly": "222.08", "withhold_biweekly": "444.16", "withhold_semimonthly": "481.17",
    "withhold_monthly": "962.34", "withhold_limit_percent": "50",
    "official_name": "Hon. A. Judge", "official_title": "Circuit Judge", "signature_date": "2025-06-02",
    "copy_to_employee": True,
    "sender_contact_name": "Sangamon County Circuit Clerk", "sender_phone": "217-753-6674",
    "sender_address": "200 S 9th St\nSpringfield, IL 62701",
}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    form = PdfForm(FORMS_DIR / "income-withholding-notice.pdf")
    form.fill(SAMPLE)  # warm-up: builds the cached flat base
    rates = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            form.fill(SAMPLE, flatten=True)
        rates.append(n / (time.perf_counter() - t))
    med = statistics.median(rates)
    size = len(form.fill(SAMPLE))
    print(f"IWO fill+flatten: {med:.0f} documents/s ({1000 / med:.2f} ms each), median of 5 runs of {n}; "
          f"output {size} bytes")


if __name__ == "__main__":
    main()
