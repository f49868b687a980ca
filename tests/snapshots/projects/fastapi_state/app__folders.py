from starlette.requests import Request


async def folders(request: Request):
    return request.app.state.nylas.folders.list("me").data
