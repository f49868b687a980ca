from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/unread")
def unread(request: Request):
    mailbox = request.app.state.nylas
    return mailbox.messages.list("me", query_params={"unread": True, "limit": 5}).data


@router.get("/threads/{thread_id}")
def thread(request: Request, thread_id: str):
    return request.app.state.nylas.threads.find("me", thread_id).data
