from danvan.core import domain


class InspectionsConfig(domain.AppConfig):
    name = "danvan.inspections"
    verbose_name = "Kiểm tra kỷ luật, kỷ cương, công vụ"
    my_work = "danvan.inspections.work.waiting_on"
    overview = "danvan.inspections.overview.figures"
    actions = {
        "inspections.plan_created": "Lập kế hoạch kiểm tra",
        "inspections.inspection_created": "Thêm cuộc kiểm tra",
        "inspections.finding_added": "Ghi nội dung phát hiện",
        "inspections.concluded": "Ghi kết luận kiểm tra",
        "inspections.remedy_added": "Giao biện pháp khắc phục",
        "inspections.rechecked": "Ghi kết quả phúc tra",
        "inspections.published": "Công khai kết quả kiểm tra",
        "inspections.made_internal": "Thôi công khai kết quả kiểm tra",
        "inspections.measure_recorded": "Ghi khen thưởng, kỷ luật",
    }
    fields = {
        "year": "Năm",
        "number": "Số",
        "inspected_unit": "Đơn vị được kiểm tra",
        "subject_kind": "Loại nội dung",
        "plan": "Kế hoạch",
        "planned_from": "Dự kiến từ ngày",
        "finding": "Phát hiện số",
        "severity": "Mức độ",
        "concluded_on": "Ngày kết luận",
        "conclusion_number": "Số kết luận",
        "public": "Công khai",
        "internal_reason": "Lý do không công khai",
        "owner_unit": "Đơn vị thực hiện",
        "due_on": "Hạn khắc phục",
        "promise": "Số cam kết",
        "rechecked_on": "Ngày phúc tra",
        "done": "Đã khắc phục",
        "kind": "Hình thức",
        "decision_number": "Số quyết định",
    }
