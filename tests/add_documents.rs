//! `brag add` into the documents people already keep. Each test checks the log's full
//! bytes.

use crate::support::Brag;

#[test]
fn a_piped_entry_keeps_the_date_in_its_title() {
    let log = "# Log\n\n## March 2026\n";
    let added = "# Log\n\n## March 2026\n\n### Shipped X\n- **Date**: 2026-03-14\n- **Results**: 3 teams\n";
    for entry in [
        "### 2026-03-14 Shipped X\n- **Results**: 3 teams\n",
        "- **Shipped X** (March 14)\n  - **Results**: 3 teams\n",
    ] {
        let ran = Brag::new().log(log).args(&["add", "-"]).stdin(entry).run();
        ran.success();
        ran.log_is(added.as_bytes());
        // `--date` wins over the title's date.
        let ran = Brag::new()
            .log(log)
            .args(&["add", "-", "--date", "2026-03-20"])
            .stdin(entry)
            .run();
        ran.success();
        ran.log_is(added.replace("2026-03-14", "2026-03-20").as_bytes());
    }
}
