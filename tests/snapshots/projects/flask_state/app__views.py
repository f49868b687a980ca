from flask import Blueprint, current_app, jsonify

bp = Blueprint("mail", __name__)


@bp.route("/inbox")
def inbox():
    nylas = current_app.config["NYLAS"]
    threads = nylas.threads.list("me", query_params={"in": "inbox", "limit": 20}).data
    return jsonify([t.subject for t in threads])


@bp.route("/messages/<message_id>")
def message(message_id):
    return jsonify(current_app.config["NYLAS"].messages.find("me", message_id).data.subject)
