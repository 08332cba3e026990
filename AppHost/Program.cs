Console.Error.WriteLine("The application model is not declared yet (see issue 5).");
return 1;
