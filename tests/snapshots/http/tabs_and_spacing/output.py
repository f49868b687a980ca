import requests

BASE    =   "https://api.us.nylas.com"   


def drafts():
	return requests.get( BASE+"/v3/grants/me/drafts" ,  timeout = 5 )   


def labels():
	return requests.get(BASE + "/v3/grants/me/folders")