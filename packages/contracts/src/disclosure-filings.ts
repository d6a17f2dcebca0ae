// API shapes of the disclosure module's filings part (issue 5), shared by the server and the web.
export {};
