// API shapes of the disclosure module's notices part (issue 5), shared by the server and the web.
export {};
