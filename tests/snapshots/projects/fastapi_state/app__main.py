"""One client for the app, built at startup and kept in app.state."""
import os

from fastapi import FastAPI
from nylas import Client

from app.routes import router

app = FastAPI()


@app.on_event("startup")
def connect_nylas():
    app.state.nylas = Client(api_key=os.environ["NYLAS_ACCESS_TOKEN"])


app.include_router(router)
