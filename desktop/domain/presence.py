"""Where a person is now and why a case needs attention today: the words Tổng quan names its
figures and reminders by, before anything is counted (domain.movements has the rules)."""

from __future__ import annotations

from enum import StrEnum


class Presence(StrEnum):
    PRESENT = "present"
    AWAY = "away"
    ABROAD = "abroad"
    MOVED_OUT = "moved_out"
    DEAD = "dead"


class ReminderReason(StrEnum):
    """Stable machine words of `camket reminders --json`."""

    TAM_TRU_HET_HAN = "tam_tru_het_han"
    TAM_VANG_QUA_12_THANG = "tam_vang_qua_12_thang"
    LUU_TRU_QUA_HAN = "luu_tru_qua_han"
    KHACH_NUOC_NGOAI_CHUA_BAO = "khach_nuoc_ngoai_chua_bao"
    NHAP_CANH_KHONG_QUA_CUA_KHAU = "nhap_canh_khong_qua_cua_khau"
    VANH_DAI_CHUA_BAO_BIEN_PHONG = "vanh_dai_chua_bao_bien_phong"
    THEO_DOI_SAU_NHAP_CANH = "theo_doi_sau_nhap_canh"
    HO_KHONG_CON_AI_CU_TRU = "ho_khong_con_ai_cu_tru"
    CHU_HO_KHONG_CON_CU_TRU = "chu_ho_khong_con_cu_tru"
    HO_CHUA_KY_CAM_KET = "ho_chua_ky_cam_ket"
