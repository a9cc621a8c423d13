"""Sending and receiving bundles: export (whole or changes, optionally encrypted to a receiver),
merge of chosen files with a summary per bundle, and this register's keys to hand out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.exchange.identity import key_fingerprint
from desktop.messages import describe, repair_lines
from desktop.outputs import check_output, writing_output
from desktop.services.bundles import (
    ExportSummary,
    Keys,
    WrittenBundle,
    record_sent,
    register_keys,
    write_bundle,
)
from desktop.services.communes import bundle_file_name
from desktop.services.export_repairs import Repair, prepare_export
from desktop.services.merge import MergeResult, merge_bundles
from desktop.services.register import OpenRegister
from desktop.services.trust import Newcomer, newcomers
from desktop.store.replicas import bundles_sent_here
from desktop.ui.exchange_log import export_outcome, merge_outcome
from desktop.ui.household_history import local_time
from desktop.ui.screen_fit import fit_combo
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.trust_question import NewcomerQuestion

EXPORT_KEYS = "Ctrl+Shift+E"
MERGE_KEYS = "Ctrl+M"
BUNDLE_FILTER = "CamKet (*.camket)"


class TransferTab(QWidget):
    """Export and merge go through the window's task lane (progress and cancel in the status
    bar; an export reads beside it, edits saving meanwhile); ``merged`` carries the results
    when a merge ends, so views read the register again."""

    status_message = Signal(str, int)
    exported = Signal(object)  # ExportSummary
    merged = Signal(object)  # list[MergeResult]

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.register, self.tasks = register, tasks
        self.trust_question: NewcomerQuestion | None = None  # while a new PC is asked about
        self.folder = Path.home()  # where the last bundle went or came from
        layout = QVBoxLayout(self)
        layout.addWidget(self._export_box())
        layout.addWidget(self._merge_box(), stretch=1)
        layout.addWidget(self._keys_box())
        self.reload_sent()

    # --- export -------------------------------------------------------------------------

    def _export_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Send: export this register to a file"))
        self.whole = QRadioButton(self.tr("The whole register (always right)"))
        self.changes = QRadioButton(self.tr("Only the changes since the bundle sent:"))
        self.whole.setChecked(True)
        self.since = QComboBox()
        self.since.setAccessibleName(self.tr("Earlier bundle sent"))
        fit_combo(self.since, 24)
        self.since.currentIndexChanged.connect(lambda _i: self.changes.setChecked(True))
        self.key_file = QLineEdit()
        self.key_file.setPlaceholderText(
            self.tr("Optional: the receiver's key file, to encrypt the bundle for it alone")
        )
        self.key_file.setAccessibleName(self.tr("Receiver's key file"))
        self.key_file.setClearButtonEnabled(True)
        key_button = QPushButton(self.tr("Choose key…"))
        key_button.clicked.connect(self._choose_key_file)
        self.export_button = QPushButton(self.tr("Export to a file or USB stick…"))
        self.export_button.setToolTip(EXPORT_KEYS)
        self.export_button.clicked.connect(self.choose_export)
        self.export_result = QLabel()
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout(box)
        grid.addWidget(self.whole, 0, 0, 1, 3)
        grid.addWidget(self.changes, 1, 0)
        grid.addWidget(self.since, 1, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Encrypt for:")), 2, 0)
        grid.addWidget(self.key_file, 2, 1)
        grid.addWidget(key_button, 2, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.export_result, stretch=1)
        grid.addLayout(buttons, 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        return box

    def reload_sent(self) -> None:
        """The bundles this register sent, newest first, for "only the changes since"."""
        chosen = self.since.currentData()
        blocked = self.since.blockSignals(True)
        self.since.clear()
        for record in bundles_sent_here(self.register.db, self.register.installation_id):
            if "seq" in record.summary:
                label = f"{record.file_name} — {local_time(record.at)}"
                self.since.addItem(label, int(record.summary["seq"]))
        if self.since.count() == 0:
            self.since.addItem(self.tr("(none sent yet)"), None)
        self.since.setCurrentIndex(max(0, self.since.findData(chosen)))
        self.since.blockSignals(blocked)
        has_sent = self.since.currentData() is not None
        self.changes.setEnabled(has_sent)
        self.since.setEnabled(has_sent)
        if not has_sent:
            self.whole.setChecked(True)

    def _choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The receiver's key file"), str(self.folder)
        )
        if path:
            self.key_file.setText(path)

    def choose_export(self) -> None:
        name = bundle_file_name(self.register.commune, dt.date.today())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), str(self.folder / name), BUNDLE_FILTER
        )
        if path:
            out = Path(path)
            self.export_to(out if out.suffix == ".camket" else out.with_name(out.name + ".camket"))

    def export_to(self, out: Path) -> None:
        """Write the bundle to ``out`` on the task lane, as the box is filled in."""
        since = self.since.currentData() if self.changes.isChecked() else None
        # Windows' "Copy as path" puts the path in double quotes: pasted, they are no name.
        typed = self.key_file.text().strip().strip('"').strip()
        key = Path(typed) if typed else None
        try:
            check_output(out)
        except KnownError as err:
            self._export_failed(err)
            return
        self.folder = out.parent
        self.export_button.setEnabled(False)
        self.export_result.setText(self.tr("Exporting…"))

        repaired: list[Repair] = []

        def repair(reg: OpenRegister) -> None:
            repaired.extend(prepare_export(reg, since or 0))

        def work(reg: OpenRegister, progress: Progress, cancelled: Cancelled) -> WrittenBundle:
            return write_bundle(
                reg,
                out,
                since_seq=since or 0,
                to=key,
                progress=progress,
                cancelled=cancelled,
                repaired=tuple(repaired),
            )

        # Rows no screen can repair are repaired on the lane first (committed before the
        # bundle's snapshot); then read beside the lane: the clerk's edits save meanwhile;
        # only the record of the bundle sent is written, after it.
        self.tasks.submit(
            Task(
                self.tr("Exporting {file}").format(file=out.name),
                work,
                self._exported,
                self._export_failed,
                reads=True,
                then=record_sent,
                before=repair,
            )
        )

    def _exported(self, summary: ExportSummary) -> None:
        self.export_button.setEnabled(True)
        notice = repair_lines(summary.repaired)  # what CamKet repaired itself first
        if summary.cancelled:
            stopped = self.tr("Stopped: no file was written.")
            self.export_result.setText("\n".join([stopped, *notice]))
            return
        text = export_outcome(summary)
        self.export_result.setText("\n".join([text, *notice]))
        self.status_message.emit(text, 8000)
        self.reload_sent()
        self.exported.emit(summary)

    def _export_failed(self, error: KnownError) -> None:
        self.export_button.setEnabled(True)
        self.export_result.setText(describe(error))

    # --- merge --------------------------------------------------------------------------

    def _merge_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Receive: merge bundles from other PCs or communes"))
        self.merge_button = QPushButton(self.tr("Choose files to merge…"))
        self.merge_button.setToolTip(MERGE_KEYS)
        self.merge_button.clicked.connect(self.choose_merge)
        hint = QLabel(
            self.tr(
                "A backup is taken first; a damaged or foreign file is refused whole and "
                "changes nothing."
            )
        )
        hint.setWordWrap(True)
        self.results = QTableWidget(0, 2)
        self.results.setAccessibleName(self.tr("Merge results"))
        self.results.setHorizontalHeaderLabels([self.tr("File"), self.tr("Result")])
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setTabKeyNavigation(
            False
        )  # Tab goes on to the next control, not the next cell
        self.results.setWordWrap(True)
        self.results.verticalHeader().hide()
        self.results.setColumnWidth(0, 220)
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.setMinimumHeight(90)
        row = QHBoxLayout()
        row.addWidget(self.merge_button)
        row.addWidget(hint, stretch=1)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.results, stretch=1)
        return box

    def choose_merge(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Bundles to merge"), str(self.folder), BUNDLE_FILTER
        )
        if paths:
            self.merge_files([Path(p) for p in paths])

    def merge_files(self, paths: list[Path]) -> None:
        """Merge the bundles one after another on the task lane, once a person confirmed
        each PC this register never met (``trust_question`` while one is asked)."""
        self.folder = paths[0].parent
        self.merge_button.setEnabled(False)
        self.results.setRowCount(0)

        def look(reg: OpenRegister, _progress: Progress, cancelled: Cancelled) -> object:
            found = newcomers(reg, paths)
            return None if cancelled() else found  # stopped before the merge began

        def looked(found: list[Newcomer] | None) -> None:
            if found is None:
                self._merged([MergeResult(path.name, cancelled=True) for path in paths])
            else:
                self._ask(paths, found, {}, set())

        title = self.tr("Reading {count} files").format(count=len(paths))
        self.tasks.submit(Task(title, look, looked, self._merge_failed))

    def _ask(
        self,
        paths: list[Path],
        waiting: list[Newcomer],
        declined: dict[Path, MergeResult],
        confirmed: set[tuple[str, str]],
    ) -> None:
        if not waiting:
            self.trust_question = None
            self._merge_confirmed(paths, declined, confirmed)
            return
        question = NewcomerQuestion(waiting[0], self)
        self.trust_question = question

        def answered(_code: int) -> None:
            newcomer = question.newcomer
            if question.trusted:
                confirmed.add(newcomer.pair)
            else:
                for path in newcomer.files:
                    error = KnownError(
                        "bundle.unconfirmed", file=path.name, installation=newcomer.pair[0][:8]
                    )
                    declined[path] = MergeResult(path.name, refused=error)
            question.deleteLater()
            self._ask(paths, waiting[1:], declined, confirmed)

        question.finished.connect(answered)
        question.open()

    def _merge_confirmed(
        self,
        paths: list[Path],
        declined: dict[Path, MergeResult],
        confirmed: set[tuple[str, str]],
    ) -> None:
        chosen = [path for path in paths if path not in declined]
        if not chosen:
            self._merged([declined[path] for path in paths])
            return

        def work(reg: OpenRegister, progress: Progress, cancelled: Cancelled) -> list[MergeResult]:
            merged = iter(merge_bundles(reg, chosen, progress, cancelled, confirmed=confirmed))
            return [declined[path] if path in declined else next(merged) for path in paths]

        title = self.tr("Merging {count} files").format(count=len(chosen))
        self.tasks.submit(Task(title, work, self._merged, self._merge_failed))

    def _merged(self, results: list[MergeResult]) -> None:
        self.merge_button.setEnabled(True)
        self.results.setRowCount(len(results))
        for row, result in enumerate(results):
            name = QTableWidgetItem(result.source)
            outcome = QTableWidgetItem(merge_outcome(result))
            if result.refused is not None:
                outcome.setForeground(Qt.GlobalColor.darkRed)
            self.results.setItem(row, 0, name)
            self.results.setItem(row, 1, outcome)
        self.results.resizeRowsToContents()
        refused = sum(1 for r in results if r.refused is not None)
        merged = sum(1 for r in results if r.refused is None and not r.cancelled)
        self.status_message.emit(
            self.tr("Merged {merged} files, refused {refused}").format(
                merged=merged, refused=refused
            ),
            8000,
        )
        self.merged.emit(results)

    def _merge_failed(self, error: KnownError) -> None:
        self.merge_button.setEnabled(True)
        self.results.setRowCount(1)
        self.results.setItem(0, 0, QTableWidgetItem(""))
        self.results.setItem(0, 1, QTableWidgetItem(describe(error)))

    # --- keys ---------------------------------------------------------------------------

    def _keys_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This register's key (give it to whoever sends bundles here)"))
        self.recipient = QLineEdit()
        self.recipient.setReadOnly(True)
        self.recipient.setAccessibleName(self.tr("This register's key"))
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(self.copy_key)
        save = QPushButton(self.tr("Save as key file…"))
        save.clicked.connect(self.choose_key_save)
        self.signing = QLabel()
        self.signing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signing.setWordWrap(True)
        grid = QGridLayout(box)
        grid.addWidget(self.recipient, 0, 0)
        grid.addWidget(copy, 0, 1)
        grid.addWidget(save, 0, 2)
        grid.addWidget(self.signing, 1, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.keys: Keys | None = None
        # On the write lane: the register's age key is made (written) on first use, and the
        # page must not wait for another program's write lock while it is built.
        self.tasks.submit(
            Task(
                self.tr("Reading the keys"),
                lambda register, _progress, _cancelled: register_keys(register),
                self._show_keys,
                lambda err: self.signing.setText(describe(err)),
                edit=True,
            )
        )
        return box

    def _show_keys(self, keys: Keys) -> None:
        self.keys = keys
        self.recipient.setText(keys.age_recipient)
        self.recipient.setCursorPosition(0)
        self.signing.setText(
            self.tr(
                "This PC signs its bundles as installation {id}, key {key}; key fingerprint"
                " (what a register receiving its first bundle shows): {fingerprint}"
            ).format(
                id=keys.installation_id[:8],
                key=keys.signing_key,
                fingerprint=key_fingerprint(keys.signing_key),
            )
        )

    def copy_key(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.recipient.text())
        self.status_message.emit(self.tr("The key is copied."), 5000)

    def choose_key_save(self) -> None:
        name = bundle_file_name(self.register.commune, dt.date.today()).replace(
            ".camket", "-khoa.txt"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the key file"), str(self.folder / name), "(*.txt)"
        )
        if path:
            self.save_key(Path(path))

    def save_key(self, path: Path) -> None:
        """The key as a small text file a sender chooses under "Encrypt for"."""
        if self.keys is None:
            return
        try:
            with writing_output(path) as temp:
                temp.write_text(f"age recipient: {self.keys.age_recipient}\n", encoding="utf-8")
        except KnownError as err:
            self.status_message.emit(describe(err), 8000)
            return
        self.status_message.emit(self.tr("Key saved: {path}").format(path=path), 8000)
