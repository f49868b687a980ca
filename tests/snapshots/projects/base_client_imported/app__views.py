from app.http import nylas_http


def inbox():
    return nylas_http.get("/v3/grants/me/messages", params={"limit": 5, "unread": True}).json()


def thread(thread_id):
    return nylas_http.get(f"/v3/grants/me/threads/{thread_id}").json()
