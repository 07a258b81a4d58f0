Console.WriteLine("nexus");
