"""A client built inside a function with no top-level import: io.BytesIO would have no import, so a finding."""
def send_report(email, report, token):
    import io as not_io
    from nylas import APIClient

    nylas = APIClient(None, None, token)
    pdf = nylas.files.create()
    pdf.filename = "report.pdf"
    pdf.data = report
    pdf.save()
    draft = nylas.drafts.create(to=[{"email": email}])
    draft.attach(pdf)
    draft.send()
